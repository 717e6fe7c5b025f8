// Where an account's codes may go: accounts are bound to web origins (scheme + host + port), and this is the
// one rule that says, for the origin a code is asked from, whether to fill, to offer a fill, or to give nothing.
import { siteOf } from './site.ts';

/**
 * fill: the asking origin is bound exactly, so a code may be filled without asking the user.
 * offer: another origin of the same registrable domain is bound (and the asking one is no downgrade to plain http):
 *        only after the user links it in Keyfob's own window ("Fill from Keyfob…").
 * none:  nothing is bound that relates to the asking origin.
 */
export type BindingDecision = 'fill' | 'offer' | 'none';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The http(s) origin of a URL or origin string; null for other schemes, opaque origins ('null') and junk. */
export function originOfUrl(url: string | null | undefined): string | null {
  if (!url || url === 'null') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!parsed.hostname) return null;
  return parsed.origin;
}

/** Loopback names and IP literals: they have no registrable domain, and their port tells apps apart. */
export function isLoopbackOrIpHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || IPV4.test(host) || host.startsWith('[');
}

function parse(origin: string): URL | null {
  const normal = originOfUrl(origin);
  return normal ? new URL(normal) : null;
}

/** The decision for one account's bound origins and the origin asking for a code (null: no usable origin). */
export function bindingDecision(bound: readonly string[], asking: string | null): BindingDecision {
  const ask = asking ? parse(asking) : null;
  if (!ask) return 'none';
  const parsed = bound.map(parse).filter((u): u is URL => u !== null);
  if (parsed.some((u) => u.origin === ask.origin)) return 'fill';
  const askSite = siteOf(ask.origin);
  if (!askSite) return 'none';
  for (const url of parsed) {
    if (siteOf(url.origin) !== askSite) continue;
    // An https binding never reaches a plain-http page, not even through the user's confirmation.
    if (url.protocol === 'https:' && ask.protocol === 'http:') continue;
    return 'offer';
  }
  return 'none';
}

/**
 * What a site binding from before origin binding (a registrable domain such as "bank.example") becomes:
 * its https origin, plus its http origin only for loopback and IP hosts (local development servers).
 */
export function originsForLegacySite(site: string): string[] {
  const host = site.trim().toLowerCase();
  if (!host) return [];
  const https = originOfUrl(`https://${host}`);
  if (!https) return [];
  const http = isLoopbackOrIpHost(host) ? originOfUrl(`http://${host}`) : null;
  return http ? [https, http] : [https];
}

/**
 * An origin the user typed ("https://Login.Example.com/x", "example.com", "localhost:3000") as an origin, or null.
 * Without a scheme, https is assumed, except for loopback and IP hosts, which local servers serve over http.
 */
export function normaliseOriginInput(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 300) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return originOfUrl(trimmed);
  const guess = originOfUrl(`https://${trimmed}`);
  if (!guess) return null;
  return isLoopbackOrIpHost(new URL(guess).hostname) ? originOfUrl(`http://${trimmed}`) : guess;
}

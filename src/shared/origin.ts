// Web origins as Keyfob stores and compares them (scheme://host[:port]); free of the Public Suffix List, so the popup
// and the router can use it without loading that list.

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

/** Plain http to a host other than loopback: anyone on the network path can read and change what it shows. */
export function isInsecureOrigin(origin: string): boolean {
  const url = originOfUrl(origin);
  if (!url) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !isLoopbackOrIpHost(parsed.hostname);
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

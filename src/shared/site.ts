// What "the same site" means for binding accounts and filling codes: the registrable domain.
import { registrableDomain, type SuffixTable } from './registrable-domain.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The site of a URL or origin: its registrable domain (eTLD+1, from the Public Suffix List), or the
 * bare host for IP addresses and single-label hosts such as `localhost`. Ports and schemes are ignored,
 * so `localhost` and `127.0.0.1` are different sites while `a.example.com` and `example.com` are one.
 * Returns null for anything that is not an http(s) URL with a host. `suffixes` is the parsed Public Suffix List.
 */
export function siteOf(urlOrOrigin: string, suffixes: SuffixTable): string | null {
  let url: URL;
  try {
    url = new URL(urlOrOrigin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return null;
  if (IPV4.test(host) || host.startsWith('[')) return host;
  if (!host.includes('.')) return host;
  return registrableDomain(host, suffixes) ?? host;
}

/** Normalises a site the user typed ("https://Login.Example.com/x", "example.com") to a site, or null. */
export function normaliseSiteInput(input: string, suffixes: SuffixTable): string | null {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 253) return null;
  return siteOf(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`, suffixes);
}

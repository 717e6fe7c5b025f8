// Which WebDAV addresses Keyfob will send an app password to: https anywhere, plain http only on this machine.

export type WebdavUrlCheck =
  | { ok: true; url: URL }
  /** not a URL; a scheme other than http(s); user:password@ in it; a query or fragment; plain http to another host. */
  | { ok: false; reason: 'invalid' | 'scheme' | 'credentials' | 'query' | 'insecure' };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Basic-auth header carries the app password in clear over http, so http is acceptable only when the bytes never
 * leave the machine (a local server, the tests); anywhere else it must be https. Returns the URL as a collection
 * (with a trailing slash), which is what relative file names resolve against.
 */
export function checkWebdavUrl(input: string): WebdavUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  // Credentials in the URL would be sent beside ours and end up in logs; the app password has its own field.
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  if (url.search || url.hash) return { ok: false, reason: 'query' };
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return { ok: false, reason: 'insecure' };
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { ok: true, url };
}

// The site's public origin: the only base for links that leave the app (mail), never the request's Host header.
import { parsePublicUrl } from './config.ts';

export interface PublicUrl {
  /** The origin, or null while a server listening on port 0 has not been told its address yet. */
  origin(): string | null;
  /** Fixes the origin once (PUBLIC_URL, or http://localhost:<port> after listening); a second, different value is a bug. */
  set(url: string): void;
}

export function createPublicUrl(initial: string | null): PublicUrl {
  let current = initial;
  return {
    origin: () => current,
    set(url) {
      const origin = parsePublicUrl(url);
      if (current !== null && current !== origin) throw new Error(`public URL already set to ${current}`);
      current = origin;
    },
  };
}

/** An absolute link for mail. State-changing requests are refused until the origin is known, so it is always set here. */
export function publicLink(publicUrl: PublicUrl, pathAndQuery: string): string {
  const origin = publicUrl.origin();
  if (origin === null) throw new Error('public URL not set');
  return origin + pathAndQuery;
}

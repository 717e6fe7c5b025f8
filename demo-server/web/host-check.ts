// Refuses state-changing requests whose Host is not the public URL's, so no form or API call runs under a forged name.
// Only the raw Host header counts: X-Forwarded-Host is never read (Express would take it under "trust proxy").
import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { sendMessage } from './respond.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

let lastOrigin: { text: string; url: URL } | null = null;

/** The public origin parsed once: it is fixed for the life of the app, and this runs on every state-changing request. */
function parsedOrigin(origin: string): URL {
  if (lastOrigin?.text !== origin) lastOrigin = { text: origin, url: new URL(origin) };
  return lastOrigin.url;
}

/** True when the Host header names exactly the public origin's host and port (a default port may be spelled out). */
export function isPublicHost(publicOrigin: string, hostHeader: string | undefined): boolean {
  // Host is host[:port] only: anything else (user info, a path) could make the URL parser read it differently.
  if (!hostHeader || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(hostHeader)) return false;
  const expected = parsedOrigin(publicOrigin);
  try {
    return new URL(`${expected.protocol}//${hostHeader}`).host === expected.host;
  } catch {
    return false;
  }
}

function isApi(req: Request): boolean {
  return req.originalUrl === '/api/v1' || req.originalUrl.startsWith('/api/v1/') || req.originalUrl.startsWith('/api/v1?');
}

export function refuseForeignHost(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    if (safeMethods.has(req.method)) return next();
    const origin = ctx.publicUrl.origin();
    if (origin !== null && isPublicHost(origin, req.headers.host)) return next();
    // 421 Misdirected Request: this server will not act for the host name that was asked for.
    const message = origin === null
      ? 'The server is still starting. Try again in a moment.'
      : `This site answers only at ${origin}. Open ${origin} and try again.`;
    const status = origin === null ? 503 : 421;
    if (isApi(req)) {
      res.status(status).set('Cache-Control', 'no-store').json({ error: origin === null ? 'not_ready' : 'wrong_host', message, publicUrl: origin });
      return;
    }
    sendMessage(ctx, res, status, origin === null ? 'Not ready' : 'Wrong address', message);
  };
}

// helmet with a CSP that allows the QR's data: image and nothing inline; HSTS and upgrades only over https.
// helmet stays the source of the header values, but it runs once at start-up: its dozen chained middlewares per
// request set the same constant headers every time, so the request path only copies the list.
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The headers a middleware sets on an empty response, captured by running it once. */
function headersSetBy(middleware: NodeHandler): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader(name: string, value: unknown) { headers.set(name, Array.isArray(value) ? value.join(', ') : String(value)); return res; },
    removeHeader(name: string) { headers.delete(name); },
    getHeader(name: string) { return headers.get(name); },
  };
  let done = false;
  middleware({ method: 'GET', url: '/', headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  // Every header helmet sets is a constant of its options; a middleware that did not finish synchronously is no such list.
  if (!done) throw new Error('security headers: helmet did not finish synchronously');
  return [...headers];
}

export function helmetOptions(secure: boolean): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'img-src': ["'self'", 'data:'],
        'script-src': ["'self'"],
        'form-action': ["'self'"],
        // On plain-http loopback an upgrade would send forms to an https port that does not exist.
        'upgrade-insecure-requests': secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
  };
}

export function securityHeaders(secure: boolean): RequestHandler {
  const headers = headersSetBy(helmet(helmetOptions(secure)) as NodeHandler);
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

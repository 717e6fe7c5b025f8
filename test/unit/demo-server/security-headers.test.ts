// The precomputed security headers are exactly what helmet itself sends per request, over real HTTP, for http and https.
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { helmetOptions, securityHeaders } from '../../../demo-server/security/headers.ts';

async function headersOf(middleware: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/', (_req, res) => { res.send('ok'); });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const out: Record<string, string> = {};
    res.headers.forEach((value, name) => { if (!['date', 'etag', 'content-length', 'connection', 'keep-alive'].includes(name)) out[name] = value; });
    return out;
  } finally {
    server.close();
  }
}

describe('security headers', () => {
  for (const secure of [false, true]) {
    it(`are helmet's own, header for header (${secure ? 'https' : 'http'})`, async () => {
      const expected = await headersOf(helmet(helmetOptions(secure)) as RequestHandler);
      expect(Object.keys(expected).length).toBeGreaterThan(8);
      expect(await headersOf(securityHeaders(secure))).toEqual(expected);
    });
  }
});

// A throwaway HTTP server on an ephemeral loopback port, serving fixed pages for browser tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticServer { url: string; port: number; close(): Promise<void> }

export async function serveStatic(pages: Record<string, string | Buffer>, host = '127.0.0.1'): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = pages[path];
    if (body === undefined) { res.writeHead(404).end('not found'); return; }
    const type = typeof body === 'string' ? 'text/html; charset=utf-8' : 'image/png';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

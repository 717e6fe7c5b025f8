// One HTTP request with headers fetch will not send as given (a forged Host), over node:http.
import { request } from 'node:http';

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; text: string }

export function sendRaw(base: string, r: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<RawResponse> {
  const url = new URL(r.path, base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: r.method, path: url.pathname + url.search, headers: r.headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

// A tiny cookie-jar HTTP client for server tests: fetch with manual cookies, redirects and CSRF-token extraction.

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
  /** The last `_csrf` hidden field on the page, if any. */
  csrf: string | null;
  setCookies: string[];
}

export type Fields = Record<string, string | string[]>;

export class Browser {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page seen; posts send it unless told otherwise. */
  csrf: string | null = null;

  /** Sent with every request, e.g. `x-forwarded-proto: https` to act as if behind a TLS proxy. */
  readonly headers: Record<string, string>;

  constructor(base: string, headers: Record<string, string> = {}) {
    this.base = base;
    this.headers = headers;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, init: { body?: string; contentType?: string; headers?: Record<string, string> } = {}): Promise<Page> {
    const headers: Record<string, string> = { ...this.headers, ...init.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (init.contentType) headers['content-type'] = init.contentType;
    const res = await fetch(new URL(path, this.base), { method, headers, body: init.body, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair, ...attrs] = c.split(';');
      const eq = (pair as string).indexOf('=');
      const name = (pair as string).slice(0, eq).trim();
      const value = (pair as string).slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name); else this.cookies.set(name, value);
    }
    const text = await res.text();
    const tokens = [...text.matchAll(/name="_csrf" value="([^"]+)"/g)];
    const csrf = tokens.length ? (tokens[tokens.length - 1] as RegExpMatchArray)[1] as string : null;
    if (csrf) this.csrf = csrf;
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location'), csrf, setCookies };
  }

  get(path: string): Promise<Page> {
    return this.request('GET', path);
  }

  /** Posts a form; `_csrf` is added from the last page unless the fields set it (or `csrf: false`). */
  post(path: string, fields: Fields = {}, opts: { csrf?: boolean } = {}): Promise<Page> {
    const params = new URLSearchParams();
    if (opts.csrf !== false && !('_csrf' in fields) && this.csrf) params.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
    return this.request('POST', path, { body: params.toString(), contentType: 'application/x-www-form-urlencoded' });
  }

  /** Follows 30x redirects with GETs, as a browser does after a form post. */
  async follow(page: Promise<Page> | Page, max = 5): Promise<Page> {
    let p = await page;
    for (let i = 0; i < max && p.status >= 300 && p.status < 400 && p.location; i++) p = await this.get(p.location);
    return p;
  }
}

export async function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try { json = JSON.parse(text) as Record<string, unknown>; } catch { json = { raw: text }; }
  return { status: res.status, headers: res.headers, json };
}

export async function getJson(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(new URL(path, base), { headers });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try { json = JSON.parse(text) as Record<string, unknown>; } catch { json = { raw: text }; }
  return { status: res.status, json };
}

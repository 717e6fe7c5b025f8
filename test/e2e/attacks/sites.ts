// The attack lab: several web origins (http and https, host names mapped to loopback) served by local Node servers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptInstall } from '../../../scripts/ensure-chromium.mjs';

/** Host names Chromium resolves to 127.0.0.1 under `chromiumArgs` (`.test` is reserved for testing, RFC 6761). */
export const LAB_HOSTS = ['bank.test', '*.bank.test', 'bank-login.test', '*.test', 'bank.example', '*.example'] as const;

export type Scheme = 'http' | 'https';
/** Each scheme has a main port and an alternative one, so "same host, other port" is a distinct origin too. */
export type PortChoice = 'main' | 'alt';

/** One request as the lab saw it. */
export interface LabRequest {
  scheme: Scheme;
  /** Host name without the port, lower case. */
  host: string;
  port: number;
  /** `scheme://host:port`, as `location.origin` reports it in the page. */
  origin: string;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Request body as text (empty for GET). */
  body: string;
  /** The body parsed as a form when it is `application/x-www-form-urlencoded`, else empty. */
  form: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export interface LabResponse {
  status?: number;
  /** Content type; HTML when omitted. */
  type?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** What a registered path answers: fixed HTML, or a function of the request. */
export type PageContent = string | LabResponse | ((req: LabRequest) => string | LabResponse);

export interface AttackSites {
  /** Ports of the four servers (every lab host is served on each). */
  ports: Record<Scheme, Record<PortChoice, number>>;
  /** `origin('https://bank.test')` → `https://bank.test:PORT`; `alt` picks the scheme's second port. */
  origin(schemeAndHost: string, port?: PortChoice): string;
  /** `url('http://evil.bank.test', '/login?x=1')` → `http://evil.bank.test:PORT/login?x=1`. */
  url(schemeAndHost: string, path?: string, port?: PortChoice): string;
  /** Chromium flags for `launchWithExtension({ extraArgs })`: host mapping and the self-signed certificate (tests only). */
  chromiumArgs: string[];
  /**
   * Registers what `path` answers on `site`: a host name (`bank.test`, every scheme and port), a scheme and
   * host (`https://bank.test`, that scheme's ports), a full origin with port, or `*` for any host.
   * The most specific registration wins; an unregistered path is a 404 (still logged).
   */
  page(site: string, path: string, content: PageContent): void;
  /** Requests received for `site` (same forms as `page`), optionally only for `path` (pathname), oldest first. */
  hits(site: string, path?: string): LabRequest[];
  /** Every request received, oldest first. */
  allHits(): LabRequest[];
  close(): Promise<void>;
}

function ensureOpenssl(): void {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return;
  } catch { /* missing: install it the way the project installs Chromium */ }
  if (!aptInstall(['openssl'])) throw new Error('The attack lab needs `openssl` to make its test certificate: install it (Debian: apt-get install openssl)');
}

/** A throwaway self-signed certificate for the lab's host names; the temp dir is removed at once. */
function makeCertificate(): { key: Buffer; cert: Buffer } {
  ensureOpenssl();
  const dir = mkdtempSync(join(tmpdir(), 'kf-attack-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile,
      '-days', '2', '-subj', '/CN=bank.test',
      '-addext', 'subjectAltName=DNS:bank.test,DNS:*.bank.test,DNS:bank-login.test,DNS:*.test,DNS:bank.example,DNS:*.example,DNS:localhost,IP:127.0.0.1'],
    { stdio: 'ignore' });
    return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Splits `https://bank.test`, `https://bank.test:443` or `bank.test` into its parts. */
function parseSite(site: string): { scheme?: Scheme; host: string; port?: number } {
  const m = /^(?:(https?):\/\/)?([^/:]+|\[[^\]]+\])(?::(\d+))?\/?$/i.exec(site);
  if (!m?.[2]) throw new Error(`Not a lab site: ${site}`);
  return { scheme: m[1]?.toLowerCase() as Scheme | undefined, host: m[2].toLowerCase(), port: m[3] ? Number(m[3]) : undefined };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
}

/** Starts the lab; `pages` maps `site path` keys (e.g. `'https://bank.test /login'`) to content, like `page()`. */
export async function startAttackSites(pages: Record<string, PageContent> = {}): Promise<AttackSites> {
  const registry = new Map<string, PageContent>();
  const log: LabRequest[] = [];
  const key = (site: string, path: string) => `${site} ${path}`;

  const lookup = (r: LabRequest): PageContent | undefined => {
    for (const site of [r.origin, `${r.scheme}://${r.host}`, r.host, '*']) {
      const found = registry.get(key(site, r.path));
      if (found !== undefined) return found;
    }
    return undefined;
  };

  const handle = (scheme: Scheme, port: number) => async (req: IncomingMessage, res: ServerResponse) => {
    const hostHeader = (req.headers.host ?? '127.0.0.1').toLowerCase();
    const host = hostHeader.replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `${scheme}://${hostHeader}`);
    const body = await readBody(req);
    const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const entry: LabRequest = {
      scheme, host, port, origin: `${scheme}://${host}:${port}`, method: req.method ?? 'GET',
      path: url.pathname, query: url.searchParams, body, form: new URLSearchParams(isForm ? body : ''), headers: req.headers,
    };
    log.push(entry);
    const content = lookup(entry);
    if (content === undefined) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    const out = typeof content === 'function' ? content(entry) : content;
    const reply: LabResponse = typeof out === 'string' ? { body: out } : out;
    res.writeHead(reply.status ?? 200, {
      'content-type': reply.type ?? 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...reply.headers,
    }).end(reply.body ?? '');
  };

  const tls = makeCertificate();
  const servers: Record<Scheme, Record<PortChoice, Server>> = {
    http: { main: createHttpServer(), alt: createHttpServer() },
    https: { main: createHttpsServer(tls), alt: createHttpsServer(tls) },
  };
  const ports = { http: { main: 0, alt: 0 }, https: { main: 0, alt: 0 } };
  for (const scheme of ['http', 'https'] as const) {
    for (const choice of ['main', 'alt'] as const) {
      const server = servers[scheme][choice];
      ports[scheme][choice] = await listen(server);
      server.on('request', (req, res) => {
        handle(scheme, ports[scheme][choice])(req, res).catch((err: unknown) => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(err));
        });
      });
    }
  }

  const origin = (schemeAndHost: string, port: PortChoice = 'main'): string => {
    const { scheme, host } = parseSite(schemeAndHost);
    if (!scheme) throw new Error(`Say the scheme: ${schemeAndHost}`);
    return `${scheme}://${host}:${ports[scheme][port]}`;
  };

  const matches = (site: string, r: LabRequest): boolean => {
    if (site === '*') return true;
    const { scheme, host, port } = parseSite(site);
    return r.host === host && (!scheme || r.scheme === scheme) && (port === undefined || r.port === port);
  };

  const sites: AttackSites = {
    ports,
    origin,
    url: (schemeAndHost, path = '/', port = 'main') => `${origin(schemeAndHost, port)}${path.startsWith('/') ? path : `/${path}`}`,
    chromiumArgs: [
      `--host-resolver-rules=${LAB_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
      '--ignore-certificate-errors',
    ],
    page: (site, path, content) => { registry.set(key(site === '*' ? '*' : normaliseSite(site), path), content); },
    hits: (site, path) => log.filter((r) => matches(site, r) && (path === undefined || r.path === path)),
    allHits: () => [...log],
    close: async () => { await Promise.all(Object.values(servers).flatMap((s) => [stop(s.main), stop(s.alt)])); },
  };
  for (const [k, content] of Object.entries(pages)) {
    const [site, path] = k.split(' ');
    if (!site || !path) throw new Error(`Page keys are "site path": ${k}`);
    sites.page(site, path, content);
  }
  return sites;
}

/** The registry key for a site: lower case, no trailing slash. */
function normaliseSite(site: string): string {
  const { scheme, host, port } = parseSite(site);
  return `${scheme ? `${scheme}://` : ''}${host}${port === undefined ? '' : `:${port}`}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface ChallengeOptions {
  /** Where the form posts; itself when omitted. */
  action?: string;
  method?: 'post' | 'get';
  /** The form's id, for pages with several forms. */
  formId?: string;
  title?: string;
}

/** A two-factor challenge form as real sites show it (one numeric one-time-code field). */
export function challengeForm(opts: ChallengeOptions = {}): string {
  const action = opts.action === undefined ? '' : ` action="${escapeHtml(opts.action)}"`;
  const id = opts.formId ? ` id="${escapeHtml(opts.formId)}"` : '';
  return `<form${id} method="${opts.method ?? 'post'}"${action}>
  <label>Authentication code <input name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></label>
  <button type="submit">Verify</button>
</form>`;
}

/**
 * The challenge page: GET shows the form, POST answers `<p id="received">` with the code it got
 * (so a test sees both the navigation and the server's log).
 */
export function challengePage(opts: ChallengeOptions = {}): (req: LabRequest) => string {
  return (req) => {
    if (req.method === 'POST') {
      return `<!doctype html><title>Received</title><p id="received">${escapeHtml(req.form.get('code') ?? '')}</p>`;
    }
    return `<!doctype html><title>${escapeHtml(opts.title ?? 'Two-factor challenge')}</title>\n${challengeForm(opts)}`;
  };
}

export interface FrameOptions {
  /** The `sandbox` attribute: `''` for a fully sandboxed frame, or tokens such as `allow-scripts allow-forms`. */
  sandbox?: string;
  id?: string;
  /** The `allow` attribute (permissions policy), e.g. `clipboard-write`. */
  allow?: string;
  width?: number;
  height?: number;
}

/** One `<iframe>` tag for `src`. */
export function frameTag(src: string, opts: FrameOptions = {}): string {
  const attrs = [
    `src="${escapeHtml(src)}"`,
    opts.id ? `id="${escapeHtml(opts.id)}"` : '',
    opts.sandbox !== undefined ? `sandbox="${escapeHtml(opts.sandbox)}"` : '',
    opts.allow ? `allow="${escapeHtml(opts.allow)}"` : '',
    `width="${opts.width ?? 600}"`,
    `height="${opts.height ?? 300}"`,
  ].filter(Boolean);
  return `<iframe ${attrs.join(' ')}></iframe>`;
}

/** A page whose body is frames of other pages (e.g. `https://bank.test` framed by `http://evil.bank.test`). */
export function framingPage(frames: { src: string; opts?: FrameOptions }[], title = 'Framing page'): string {
  return `<!doctype html><title>${escapeHtml(title)}</title>\n${frames.map((f) => frameTag(f.src, f.opts)).join('\n')}`;
}

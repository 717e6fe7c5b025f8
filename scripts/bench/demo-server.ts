// Bench: POST /two-factor-challenge and POST /login on the real demo app at 50 connections, next to a bare Express route.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import session from 'express-session';
import { createApp } from '../../demo-server/app.ts';
import { defaultScrypt, type Config } from '../../demo-server/config.ts';
import { openDatabase } from '../../demo-server/db/database.ts';
import { SqliteSessionStore } from '../../demo-server/db/session-store.ts';
import { runIfMain } from './standalone.ts';
import type { BenchOptions, BenchRow } from './types.ts';

interface Histogram { average: number; p50: number; p99: number }
interface AutocannonResult { requests: Histogram; latency: Histogram; statusCodeStats: Record<string, { count: number }>; errors: number }
interface RawRequest { method?: string; path?: string; headers?: Record<string, string>; body?: string }
type Autocannon = (opts: {
  url: string; connections: number; duration: number;
  requests: { method: string; path: string; setupRequest: (req: RawRequest) => RawRequest }[];
}) => Promise<AutocannonResult>;

// autocannon ships no type declarations; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const connections = 50;
const password = 'bench password 1234';

interface Client { cookie: string; csrf: string }

const inFlight = new WeakMap<Server, () => number>();

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    let active = 0;
    server.on('request', (_req, res) => { active++; res.on('close', () => active--); });
    inFlight.set(server, () => active);
  });
}

/** Lets requests still running when autocannon stopped finish (a slow scrypt) before the database closes under them. */
async function stop(server: Server): Promise<void> {
  const active = inFlight.get(server) ?? (() => 0);
  const closed = new Promise((resolve) => server.close(resolve));
  for (let waited = 0; active() > 0 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  server.closeAllConnections();
  await closed;
}

function cookieOf(res: Response, prev = ''): string {
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return set || prev;
}

async function form(url: string, path: string, client: Client, fields: Record<string, string>): Promise<Response> {
  return fetch(url + path, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: client.csrf, ...fields }).toString(),
  });
}

async function page(url: string, path: string, cookie = ''): Promise<Client> {
  const res = await fetch(url + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { cookie: cookieOf(res, cookie), csrf };
}

/** Runs the same POST for `seconds`, each request taking the next client's cookie and CSRF token. */
async function hammer(url: string, path: string, clients: Client[], fields: Record<string, string>, seconds: number): Promise<AutocannonResult> {
  let next = 0;
  return autocannon({
    url, connections, duration: seconds,
    requests: [{
      method: 'POST', path,
      setupRequest: (req) => {
        const c = clients[next++ % clients.length] as Client;
        return { ...req, headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: c.csrf, ...fields }).toString() };
      },
    }],
  });
}

function statusNote(r: AutocannonResult): string {
  return Object.entries(r.statusCodeStats).map(([code, s]) => `${s.count}×${code}`).join(', ') + (r.errors ? `, ${r.errors} errors` : '');
}

function rows(name: string, r: AutocannonResult, base: AutocannonResult, note: string): BenchRow[] {
  const baselineName = 'bare Express route, same session store';
  return [
    { name: `${name} throughput`, value: Math.round(r.requests.average), unit: 'req/s', baseline: Math.round(base.requests.average), baselineName, note: `${note}; ${statusNote(r)}` },
    { name: `${name} p50 latency`, value: r.latency.p50, unit: 'ms', baseline: base.latency.p50, baselineName },
    { name: `${name} p99 latency`, value: r.latency.p99, unit: 'ms', baseline: base.latency.p99, baselineName },
  ];
}

/** The baseline: express-session on the same SQLite store, a form parser, and a route that only reads the session. */
async function bareRoute(dir: string, sessions: number, seconds: number): Promise<AutocannonResult> {
  const db = openDatabase(dir);
  const app = express();
  app.use(session({ name: 'kf.sid', secret: 'bench', store: new SqliteSessionStore(db, () => Date.now()), resave: false, saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' } }));
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.get('/seed', (req, res) => { req.session.pending = { userId: 1, at: Date.now(), authEpoch: 0 }; res.send('<input name="_csrf" value="x">'); });
  app.post('/two-factor-challenge', (req, res) => { res.status(req.session.pending ? 422 : 303).type('html').send('<p>That code is not valid.</p>'); });
  const { server, url } = await listen(app);
  try {
    const clients = await Promise.all(Array.from({ length: sessions }, () => page(url, '/seed')));
    return await hammer(url, '/two-factor-challenge', clients, { code: '000000' }, seconds);
  } finally {
    await stop(server);
    db.close();
  }
}

async function withDemo<T>(overrides: Partial<Config>, work: (url: string, demo: Awaited<ReturnType<typeof createApp>>) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kf-bench-demo-'));
  const config: Config = {
    port: 0, dataDir, appName: 'Keyfob Demo', adminEmails: [], secretKey: null, recoveryCodes: 'replace', lab: false,
    secureCookies: false, scrypt: defaultScrypt, clientRateLimit: 1_000_000_000, logRequests: false, now: () => Date.now(), ...overrides,
  };
  const demo = await createApp(config, { log: { info: () => {}, alert: () => {} } });
  const { server, url } = await listen(demo.app);
  try {
    return await work(url, demo);
  } finally {
    await stop(server);
    demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Registers users, enables 2FA in the database (same sealing as the app) and signs each in up to the pending challenge. */
async function pendingChallenges(url: string, demo: Awaited<ReturnType<typeof createApp>>, count: number): Promise<Client[]> {
  const { generateTotpSecret } = await import('../../demo-server/security/totp.ts');
  const { totpSecretAad } = await import('../../demo-server/security/secret-box.ts');
  const clients: Client[] = [];
  for (let i = 0; i < count; i += 25) {
    clients.push(...await Promise.all(Array.from({ length: Math.min(25, count - i) }, async (_, j) => {
      const email = `bench${i + j}@example.test`;
      const reg = await page(url, '/register');
      await form(url, '/register', reg, { name: 'Bench', email, password, password_confirmation: password });
      const id = (demo.ctx.db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;
      demo.ctx.db.prepare('UPDATE users SET totp_secret = ?, totp_confirmed_at = ? WHERE id = ?')
        .run(demo.ctx.box.seal(generateTotpSecret(), totpSecretAad(id)), Date.now(), id);
      const login = await page(url, '/login');
      const res = await form(url, '/login', login, { email, password });
      return page(url, '/two-factor-challenge', cookieOf(res, login.cookie));
    })));
  }
  return clients;
}

export async function benchDemoServer(opts: BenchOptions): Promise<BenchRow[]> {
  const seconds = opts.quick ? 2 : 5;
  // Each user takes 4 wrong codes before the 5th locks them; enough users keep the run on the full verify path.
  const users = opts.quick ? 300 : 1000;
  const baseDir = mkdtempSync(join(tmpdir(), 'kf-bench-bare-'));
  try {
    const bare = await bareRoute(baseDir, users, seconds);
    const challenge = await withDemo({ scrypt: { N: 1024, r: 8, p: 1 } }, async (url, demo) => {
      const clients = await pendingChallenges(url, demo, users);
      return hammer(url, '/two-factor-challenge', clients, { code: '000000' }, seconds);
    });
    const signIn = await withDemo({}, async (url) => {
      const reg = await page(url, '/register');
      await form(url, '/register', reg, { name: 'Bench', email: 'signin@example.test', password, password_confirmation: password });
      const clients = await Promise.all(Array.from({ length: 400 }, () => page(url, '/login')));
      const result = await hammer(url, '/login', clients, { email: 'signin@example.test', password }, seconds);
      // Hashes queued behind the 50 connections keep running after autocannon stops; let them finish.
      await new Promise((r) => setTimeout(r, 3000));
      return result;
    });
    return [
      ...rows('POST /two-factor-challenge (wrong code, 50 conns)', challenge, bare,
        `full verify path: session, CSRF, AES-GCM decrypt, 3 HMACs, failure write; ${users} pending sign-ins round-robin`),
      ...rows('POST /login (correct password, 50 conns)', signIn, bare,
        `scrypt N=2^${Math.log2(defaultScrypt.N)} r=${defaultScrypt.r}: the hash dominates by design`),
    ];
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, benchDemoServer);

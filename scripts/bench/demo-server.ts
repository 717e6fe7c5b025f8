// Bench: POST /two-factor-challenge and POST /login on the real demo app at 50 connections, next to a bare Express route.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import session from 'express-session';
import { createApp } from '../../demo-server/app.ts';
import { defaultScrypt, type Config } from '../../demo-server/config.ts';
import { openDatabase } from '../../demo-server/db/database.ts';
import { SqliteSessionStore } from '../../demo-server/db/session-store.ts';
import { runIfMain } from './standalone.ts';
import { median, type BenchOptions, type BenchRow } from './types.ts';

interface Histogram { average: number; p50: number; p99: number; total: number }
interface AutocannonResult { requests: Histogram; latency: Histogram; duration: number; statusCodeStats: Record<string, { count: number }>; errors: number }
interface RawRequest { method?: string; path?: string; headers?: Record<string, string>; body?: string }
type Autocannon = (opts: {
  url: string; connections: number; duration: number;
  requests: { method: string; path: string; setupRequest: (req: RawRequest) => RawRequest }[];
}) => Promise<AutocannonResult>;

// autocannon ships no type declarations; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const connections = 50;
const password = 'bench password 1234';
const serveFlag = 'KF_BENCH_DEMO_SERVE';

interface Client { cookie: string; csrf: string }
interface Target { url: string; clients: Client[] }
interface Ready { bare: Target; challenge: Target; signIn: Target }
type Command = 'reset' | 'drain' | 'stop';

// ---- Server side: runs in a child process so autocannon and the servers never share an event loop. ----

const inFlight = new WeakMap<Server, () => number>();

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    let active = 0;
    server.on('request', (_req, res) => { active++; res.on('close', () => active--); });
    inFlight.set(server, () => active);
  });
}

/** Waits until requests still running when autocannon stopped have finished, so they do not bleed into the next round. */
async function drain(servers: Server[]): Promise<void> {
  const active = (): number => servers.reduce((n, s) => n + (inFlight.get(s)?.() ?? 0), 0);
  for (let waited = 0; active() > 0 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
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

/** The baseline: express-session on the same SQLite store, a form parser, and a route that only reads the session. */
async function bareRoute(dir: string) {
  const db = openDatabase(dir);
  const app = express();
  app.use(session({ name: 'kf.sid', secret: 'bench', store: new SqliteSessionStore(db, () => Date.now()), resave: false, saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' } }));
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.get('/seed', (req, res) => { req.session.pending = { userId: 1, at: Date.now(), authEpoch: 0 }; res.send('<input name="_csrf" value="x">'); });
  app.post('/two-factor-challenge', (req, res) => { res.status(req.session.pending ? 422 : 303).type('html').send('<p>That code is not valid.</p>'); });
  return { ...await listen(app), close: () => db.close() };
}

async function demoApp(dataDir: string, overrides: Partial<Config>) {
  const config: Config = {
    port: 0, dataDir, appName: 'Keyfob Demo', adminEmails: [], secretKey: null, recoveryCodes: 'replace', lab: false,
    secureCookies: false, scrypt: defaultScrypt, clientRateLimit: 1_000_000_000, publicUrl: null, logRequests: false, now: () => Date.now(),
    ...overrides,
  };
  const demo = await createApp(config, { log: { info: () => {}, alert: () => {} } });
  const served = await listen(demo.app);
  // The bench's clients send Host 127.0.0.1:<port>, so that is the public origin state-changing requests must name.
  demo.setPublicUrl(served.url);
  return { ...served, demo };
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

/** Child process entry: builds the three servers, reports their clients, then obeys reset/drain/stop over IPC. */
async function serve(dir: string, users: number): Promise<void> {
  const send = (msg: unknown): void => { process.send?.(msg); };
  const sub = (name: string): string => { const path = join(dir, name); mkdirSync(path); return path; };
  const bare = await bareRoute(sub('bare'));
  const challenge = await demoApp(sub('challenge'), { scrypt: { N: 1024, r: 8, p: 1 } });
  const signIn = await demoApp(sub('sign-in'), {});
  const servers = [bare.server, challenge.server, signIn.server];
  const bareClients = await Promise.all(Array.from({ length: users }, () => page(bare.url, '/seed')));
  const challengeClients = await pendingChallenges(challenge.url, challenge.demo, users);
  const reg = await page(signIn.url, '/register');
  await form(signIn.url, '/register', reg, { name: 'Bench', email: 'signin@example.test', password, password_confirmation: password });
  const signInClients = await Promise.all(Array.from({ length: 400 }, () => page(signIn.url, '/login')));
  process.on('message', (msg: { id: number; cmd: Command }) => {
    void (async () => {
      // Wrong codes count toward the account lock; clearing it keeps every round on the full verify path, not the 429 shortcut.
      if (msg.cmd === 'reset') {
        challenge.demo.ctx.db.prepare('UPDATE users SET second_factor_failures = 0, second_factor_locked_until = NULL, second_factor_hard_locked = 0').run();
      }
      if (msg.cmd === 'drain') await drain(servers);
      send({ id: msg.id });
      // Queued scrypt hashes may still be running after the sign-in round; exiting ends them without a wait.
      if (msg.cmd === 'stop') process.exit(0);
    })();
  });
  process.on('disconnect', () => process.exit(0));
  const ready: Ready = {
    bare: { url: bare.url, clients: bareClients },
    challenge: { url: challenge.url, clients: challengeClients },
    signIn: { url: signIn.url, clients: signInClients },
  };
  send(ready);
}

// ---- Client side: autocannon in the bench process, alternating baseline and product rounds. ----

interface ServerProcess { ready: Ready; command(cmd: Command): Promise<void>; stop(): Promise<void> }

function startServerProcess(dir: string, users: number): Promise<ServerProcess> {
  // Inherit tsx's loader flags when run through tsx; otherwise ask Node to load tsx itself.
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv, env: { ...process.env, [serveFlag]: JSON.stringify({ dir, users }) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const waiting = new Map<number, { done(): void; fail(e: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const e = new Error(`demo server process exited with ${code}`);
      reject(e);
      for (const w of waiting.values()) w.fail(e);
    });
    child.on('message', (msg: Ready | { id: number }) => {
      if ('id' in msg) { waiting.get(msg.id)?.done(); waiting.delete(msg.id); return; }
      const command = (cmd: Command): Promise<void> => new Promise<void>((done, fail) => {
        const id = nextId++;
        waiting.set(id, { done, fail });
        child.send({ id, cmd });
      });
      resolve({
        ready: msg,
        command,
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.send({ id: nextId++, cmd: 'stop' });
          const timer = setTimeout(() => child.kill(), 2000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

/** Runs the same POST for `seconds`, each request taking the next client's cookie and CSRF token. */
async function hammer(target: Target, path: string, fields: Record<string, string>, seconds: number): Promise<AutocannonResult> {
  let next = 0;
  return autocannon({
    url: target.url, connections, duration: seconds,
    requests: [{
      method: 'POST', path,
      setupRequest: (req) => {
        const c = target.clients[next++ % target.clients.length] as Client;
        return { ...req, headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: c.csrf, ...fields }).toString() };
      },
    }],
  });
}

interface Summary { rps: number; p50: number; p99: number; statuses: Record<string, number>; errors: number; rounds: AutocannonResult[] }

/** Medians over rounds; throughput from completed responses over the round's real length (per-second buckets are too coarse for 1.5 s). */
function summarise(rounds: AutocannonResult[]): Summary {
  const statuses: Record<string, number> = {};
  for (const r of rounds) for (const [code, s] of Object.entries(r.statusCodeStats)) statuses[code] = (statuses[code] ?? 0) + s.count;
  return {
    rps: median(rounds.map(throughput)), p50: median(rounds.map((r) => r.latency.p50)), p99: median(rounds.map((r) => r.latency.p99)),
    statuses, errors: rounds.reduce((n, r) => n + r.errors, 0), rounds,
  };
}

function throughput(r: AutocannonResult): number {
  return r.duration > 0 ? r.requests.total / r.duration : 0;
}

function statusNote(s: Summary): string {
  return Object.entries(s.statuses).map(([code, n]) => `${n}×${code}`).join(', ') + (s.errors ? `, ${s.errors} errors` : '');
}

function rows(name: string, r: Summary, base: Summary, note: string): BenchRow[] {
  const baselineName = 'bare Express route, same session store';
  return [
    { name: `${name} throughput`, value: Math.round(r.rps), unit: 'req/s', baseline: Math.round(base.rps), baselineName, note: `${note}; ${statusNote(r)}` },
    { name: `${name} p50 latency`, value: r.p50, unit: 'ms', baseline: base.p50, baselineName },
    { name: `${name} p99 latency`, value: r.p99, unit: 'ms', baseline: base.p99, baselineName },
  ];
}

export async function benchDemoServer(opts: BenchOptions): Promise<BenchRow[]> {
  const pairs = opts.quick ? 3 : 5;
  const seconds = opts.quick ? 1 : 1.5;
  // The lock is cleared between rounds, so users only need to outnumber one round's requests / 4.
  const users = opts.quick ? 300 : 600;
  const dir = mkdtempSync(join(tmpdir(), 'kf-bench-demo-'));
  let child: ServerProcess | undefined;
  try {
    child = await startServerProcess(dir, users);
    const { bare, challenge, signIn } = child.ready;
    const server = child;
    const round = async (target: Target, length = seconds): Promise<AutocannonResult> => {
      const r = await hammer(target, '/two-factor-challenge', { code: '000000' }, length);
      await server.command('drain');
      await server.command('reset');
      return r;
    };
    // Warm-up: JIT, SQLite page cache and connection set-up, on both sides, unmeasured.
    await round(bare, 1);
    await round(challenge, 1);
    const baseRounds: AutocannonResult[] = [];
    const productRounds: AutocannonResult[] = [];
    // A/B then B/A, so a slow drift over the run weighs on both sides alike.
    for (let i = 0; i < pairs; i++) {
      if (i % 2 === 0) { baseRounds.push(await round(bare)); productRounds.push(await round(challenge)); }
      else { productRounds.push(await round(challenge)); baseRounds.push(await round(bare)); }
    }
    const base = summarise(baseRounds);
    const product = summarise(productRounds);
    const pairRatios = productRounds.map((r, i) => throughput(r) / throughput(baseRounds[i] as AutocannonResult)).sort((a, b) => a - b);
    const spread = `per-pair throughput ratio ${(pairRatios[0] ?? 0).toFixed(2)}–${(pairRatios.at(-1) ?? 0).toFixed(2)}`;
    // scrypt is far too slow for short rounds: one longer run, against the medians of the baseline rounds.
    const signInRun = summarise([await hammer(signIn, '/login', { email: 'signin@example.test', password }, opts.quick ? 2 : 4)]);
    return [
      ...rows('POST /two-factor-challenge (wrong code, 50 conns)', product, base,
        `full verify path: session, CSRF, AES-GCM decrypt, 3 HMACs, failure write; ${users} pending sign-ins round-robin; `
        + `medians of ${pairs} alternating ${seconds} s rounds each, server in a child process; ${spread}`),
      ...rows('POST /login (correct password, 50 conns)', signInRun, base,
        `scrypt N=2^${Math.log2(defaultScrypt.N)} r=${defaultScrypt.r}: the hash dominates by design; one ${opts.quick ? 2 : 4} s run`),
    ];
  } finally {
    await child?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const serveArgs = process.env[serveFlag];
if (serveArgs !== undefined && process.send) {
  const { dir, users } = JSON.parse(serveArgs) as { dir: string; users: number };
  serve(dir, users).catch((e: unknown) => { console.error(e); process.exit(1); });
} else {
  runIfMain(import.meta.url, benchDemoServer);
}

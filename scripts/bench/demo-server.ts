// Bench: POST /two-factor-challenge and POST /login on the real demo app at 50 connections, next to a bare Express route.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session as InspectorSession } from 'node:inspector/promises';
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

/** `fields` are this client's own form fields (the sign-in clients each have their own account). */
interface Client { cookie: string; csrf: string; fields?: Record<string, string> }
interface Target { url: string; clients: Client[] }
interface Ready { bare: Target; challenge: Target; signIn: Target }
interface Timed { rps: number; p50: number; p99: number; completed: number }
type Command =
  /** Before a round: note the process's CPU time, start the profiler when asked to. */
  | { cmd: 'round-start'; label: string }
  /** After a round: wait for requests still running, stop the profiler, clear the locks; replies with the round's CPU ms. */
  | { cmd: 'round-end' }
  /** The sign-in baseline: `count` password checks alone, in this process. */
  | { cmd: 'hash-alone'; count: number }
  | { cmd: 'stop' };
interface Reply { id: number; cpuMs?: number; hashAlone?: Timed }
/** KF_BENCH_CPU_PROF=<dir>: the server process writes one .cpuprofile per measured round there (`<label>-<n>.cpuprofile`). */
const profileDir = process.env.KF_BENCH_CPU_PROF;
/** Sign-in accounts, so the per-account password back-off never sees more than one or two attempts at once. */
const signInAccounts = 100;

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

/** The V8 profiler of this process, run round by round so set-up stays out of the profiles. Does nothing without a dir. */
function createProfiler(dir: string | undefined) {
  const inspector = new InspectorSession();
  let connected = false;
  let label = '';
  const rounds = new Map<string, number>();
  return {
    async start(roundLabel: string): Promise<void> {
      if (!dir) return;
      if (!connected) { inspector.connect(); await inspector.post('Profiler.enable'); connected = true; }
      label = roundLabel;
      await inspector.post('Profiler.start');
    },
    async stop(): Promise<void> {
      if (!dir) return;
      const { profile } = await inspector.post('Profiler.stop');
      const n = (rounds.get(label) ?? 0) + 1;
      rounds.set(label, n);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${label}-${n}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

/**
 * The sign-in baseline: `count` password checks, as many at a time as libuv has threads (scrypt runs there), so the
 * checks per second are the most any number of connections can get, and each check's time is one check's cost.
 */
async function hashAlone(count: number, stored: string): Promise<Timed> {
  const { verifyPassword } = await import('../../demo-server/security/passwords.ts');
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: threads }, async () => {
    while (next++ < count) {
      const t0 = performance.now();
      await verifyPassword(password, stored);
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), completed: latencies.length };
}

/** Child process entry: builds the three servers, reports their clients, then obeys reset/drain/stop over IPC. */
async function serve(dir: string, users: number): Promise<void> {
  const send = (msg: unknown): void => { process.send?.(msg); };
  const sub = (name: string): string => { const path = join(dir, name); mkdirSync(path); return path; };
  const bare = await bareRoute(sub('bare'));
  const challenge = await demoApp(sub('challenge'), { scrypt: { N: 1024, r: 8, p: 1 } });
  const signIn = await demoApp(sub('sign-in'), {});
  const servers = [bare.server, challenge.server, signIn.server];
  const profiler = createProfiler(profileDir);
  const bareClients = await Promise.all(Array.from({ length: users }, () => page(bare.url, '/seed')));
  const challengeClients = await pendingChallenges(challenge.url, challenge.demo, users);
  const reg = await page(signIn.url, '/register');
  await form(signIn.url, '/register', reg, { name: 'Bench', email: 'signin0@example.test', password, password_confirmation: password });
  // One real registration makes the full-cost hash; the other accounts get copies of it, which check at the same cost.
  const db = signIn.demo.ctx.db;
  const stored = (db.prepare("SELECT password_hash FROM users WHERE email = 'signin0@example.test'").get() as { password_hash: string }).password_hash;
  const copy = db.prepare('INSERT INTO users (name, email, password_hash, created_at) VALUES (?, ?, ?, ?)');
  for (let i = 1; i < signInAccounts; i++) copy.run('Bench', `signin${i}@example.test`, stored, Date.now());
  const signInClients = await Promise.all(Array.from({ length: 400 }, async (_, i) =>
    ({ ...await page(signIn.url, '/login'), fields: { email: `signin${i % signInAccounts}@example.test`, password } })));
  let cpuAtStart = process.cpuUsage();
  process.on('message', (msg: Command & { id: number }) => {
    void (async () => {
      const reply: Reply = { id: msg.id };
      if (msg.cmd === 'round-start') {
        cpuAtStart = process.cpuUsage();
        await profiler.start(msg.label);
      }
      if (msg.cmd === 'round-end') {
        await drain(servers);
        const used = process.cpuUsage(cpuAtStart);
        reply.cpuMs = (used.user + used.system) / 1000;
        await profiler.stop();
        // Wrong codes count toward the account lock; clearing it keeps every round on the full verify path, not the 429 shortcut.
        challenge.demo.ctx.db.prepare('UPDATE users SET second_factor_failures = 0, second_factor_locked_until = NULL, second_factor_hard_locked = 0').run();
      }
      if (msg.cmd === 'hash-alone') reply.hashAlone = await hashAlone(msg.count, stored);
      send(reply);
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

interface ServerProcess { ready: Ready; command(cmd: Command): Promise<Reply>; stop(): Promise<void> }

function startServerProcess(dir: string, users: number): Promise<ServerProcess> {
  // Inherit tsx's loader flags when run through tsx; otherwise ask Node to load tsx itself.
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv, env: { ...process.env, [serveFlag]: JSON.stringify({ dir, users }) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const waiting = new Map<number, { done(reply: Reply): void; fail(e: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const e = new Error(`demo server process exited with ${code}`);
      reject(e);
      for (const w of waiting.values()) w.fail(e);
    });
    child.on('message', (msg: Ready | Reply) => {
      if ('id' in msg) { waiting.get(msg.id)?.done(msg); waiting.delete(msg.id); return; }
      const command = (cmd: Command): Promise<Reply> => new Promise<Reply>((done, fail) => {
        const id = nextId++;
        waiting.set(id, { done, fail });
        child.send({ id, ...cmd });
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

/** Runs the same POST for `seconds`, each request taking the next client's cookie, CSRF token and own fields. */
async function hammer(target: Target, path: string, fields: Record<string, string>, seconds: number): Promise<AutocannonResult> {
  let next = 0;
  return autocannon({
    url: target.url, connections, duration: seconds,
    requests: [{
      method: 'POST', path,
      setupRequest: (req) => {
        const c = target.clients[next++ % target.clients.length] as Client;
        return { ...req, headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: c.csrf, ...fields, ...c.fields }).toString() };
      },
    }],
  });
}

interface Round { result: AutocannonResult; cpuMs: number }
interface Summary extends Timed { cpuPerRequestMs: number; statuses: Record<string, number>; errors: number }

/** Medians over rounds; throughput from completed responses over the round's real length (per-second buckets are too coarse for 1.5 s). */
function summarise(rounds: Round[]): Summary {
  const statuses: Record<string, number> = {};
  for (const { result } of rounds) for (const [code, s] of Object.entries(result.statusCodeStats)) statuses[code] = (statuses[code] ?? 0) + s.count;
  return {
    rps: median(rounds.map(({ result }) => throughput(result))),
    p50: median(rounds.map(({ result }) => result.latency.p50)),
    p99: median(rounds.map(({ result }) => result.latency.p99)),
    completed: rounds.reduce((n, { result }) => n + result.requests.total, 0),
    cpuPerRequestMs: median(rounds.map(({ result, cpuMs }) => cpuMs / Math.max(1, result.requests.total))),
    statuses, errors: rounds.reduce((n, { result }) => n + result.errors, 0),
  };
}

function throughput(r: AutocannonResult): number {
  return r.duration > 0 ? r.requests.total / r.duration : 0;
}

function statusNote(s: Summary): string {
  return Object.entries(s.statuses).map(([code, n]) => `${n}×${code}`).join(', ') + (s.errors ? `, ${s.errors} errors` : '');
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export async function benchDemoServer(opts: BenchOptions): Promise<BenchRow[]> {
  const pairs = opts.quick ? 3 : 5;
  const seconds = opts.quick ? 1 : 1.5;
  const signInSeconds = opts.quick ? 2 : 4;
  // The lock is cleared between rounds, so users only need to outnumber one round's requests / 4.
  const users = opts.quick ? 300 : 600;
  const dir = mkdtempSync(join(tmpdir(), 'kf-bench-demo-'));
  let child: ServerProcess | undefined;
  try {
    child = await startServerProcess(dir, users);
    const { bare, challenge, signIn } = child.ready;
    const server = child;
    const round = async (target: Target, label: string, path: string, fields: Record<string, string>, length: number): Promise<Round> => {
      await server.command({ cmd: 'round-start', label });
      const result = await hammer(target, path, fields, length);
      const { cpuMs = Number.NaN } = await server.command({ cmd: 'round-end' });
      return { result, cpuMs };
    };
    const challengeRound = (target: Target, label: string, length = seconds): Promise<Round> =>
      round(target, label, '/two-factor-challenge', { code: '000000' }, length);
    // Warm-up: JIT, SQLite page cache and connection set-up, on both sides, unmeasured.
    await challengeRound(bare, 'warm-up-bare', 1);
    await challengeRound(challenge, 'warm-up-challenge', 1);
    const baseRounds: Round[] = [];
    const productRounds: Round[] = [];
    // A/B then B/A, so a slow drift over the run weighs on both sides alike.
    for (let i = 0; i < pairs; i++) {
      if (i % 2 === 0) { baseRounds.push(await challengeRound(bare, 'bare')); productRounds.push(await challengeRound(challenge, 'challenge')); }
      else { productRounds.push(await challengeRound(challenge, 'challenge')); baseRounds.push(await challengeRound(bare, 'bare')); }
    }
    const base = summarise(baseRounds);
    const product = summarise(productRounds);
    const pairRatios = productRounds.map((r, i) => throughput(r.result) / throughput((baseRounds[i] as Round).result)).sort((a, b) => a - b);
    const spread = `per-pair throughput ratio ${(pairRatios[0] ?? 0).toFixed(2)}–${(pairRatios.at(-1) ?? 0).toFixed(2)}`;
    // scrypt is far too slow for short rounds: the checks alone first, then one longer sign-in run (left to end with the process).
    const { hashAlone: hash } = await server.command({ cmd: 'hash-alone', count: opts.quick ? 8 : 12 });
    if (!hash) throw new Error('the server process sent no password-check figures');
    const signInRun = summarise([{ result: await hammer(signIn, '/login', {}, signInSeconds), cpuMs: Number.NaN }]);
    const bareName = 'bare Express route, same session store, same process';
    const hashName = 'the scrypt check alone, one per hash thread, same process';
    const challengeName = 'POST /two-factor-challenge (wrong code, 50 conns)';
    const signInName = 'POST /login (correct password, 50 conns)';
    const scrypt = `scrypt N=2^${Math.log2(defaultScrypt.N)} r=${defaultScrypt.r}`;
    return [
      { name: `${challengeName} throughput`, value: Math.round(product.rps), unit: 'req/s', baseline: Math.round(base.rps), baselineName: bareName,
        note: `goal ≥ 0.6× the bare route; full verify path: session, CSRF, AES-GCM decrypt, 3 HMACs compared in constant time, failure write; `
          + `${users} pending sign-ins round-robin; medians of ${pairs} alternating ${seconds} s rounds each, servers in one child process; `
          + `${spread}; ${statusNote(product)}` },
      { name: `${challengeName} p50 latency`, value: product.p50, unit: 'ms', baseline: base.p50, baselineName: bareName },
      { name: `${challengeName} p99 latency`, value: product.p99, unit: 'ms', baseline: base.p99, baselineName: bareName,
        note: 'goal ≤ 2× the bare route' },
      { name: `${challengeName} server CPU per request`, value: round1(product.cpuPerRequestMs * 1000), unit: 'µs',
        baseline: round1(base.cpuPerRequestMs * 1000), baselineName: bareName,
        note: 'server process CPU time (user + system) over the round ÷ completed requests: steadier than req/s on a busy machine' },
      { name: `${signInName} throughput`, value: round1(signInRun.rps), unit: 'req/s', baseline: round1(hash.rps), baselineName: hashName,
        note: `slow by design: each sign-in checks a ${scrypt} password hash, so the hash alone is the baseline; `
          + `${round1(base.rps / Math.max(signInRun.rps, 0.1))}× below the bare route; ${signInAccounts} accounts round-robin, `
          + `one ${signInSeconds} s run, ${signInRun.completed} sign-ins done in time; ${statusNote(signInRun)}` },
      { name: `${signInName} p50 latency`, value: signInRun.p50, unit: 'ms', baseline: hash.p50, baselineName: hashName,
        note: `slow by design (${scrypt}): ${connections} connections queue for the hash threads, so a sign-in waits for the checks ahead of it` },
      { name: `${signInName} p99 latency`, value: signInRun.p99, unit: 'ms', baseline: hash.p99, baselineName: hashName,
        note: `slow by design; only sign-ins done within the run are counted, so later ones (longer queues) are missing` },
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

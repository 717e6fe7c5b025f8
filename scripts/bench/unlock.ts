// Bench: unlocking the vault in real headless Chromium (PBKDF2-SHA256 at the shipped 600,000 iterations,
// unwrapping the data key, storing it in session storage), against the KDF alone in the page and in Node, and
// Argon2id (hash-wasm, OWASP's parameters) in the same page, the alternative the README weighs it against.
// Standalone: `npx tsx scripts/bench/unlock.ts [--quick]`.
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { base32Encode, DEFAULT_ARGON2ID, DEFAULT_PBKDF2_ITERATIONS } from '../../src/shared/index.ts';
import { median, medianMs, runsFor, type BenchOptions, type BenchRow } from './types.ts';
import { ensureBuild } from './extension-build.ts';
import { runIfMain } from './standalone.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'bench Master password 1';

async function call<T>(page: Page, method: string, params: unknown = {}): Promise<T> {
  const reply = await page.evaluate((m: string, p: unknown) => chrome.runtime.sendMessage({ keyfob: 1, method: m, params: p }), method, params) as
    { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message ?? 'failed'}`);
  return reply.value as T;
}

/** PBKDF2 alone, through the same WebCrypto the worker uses, timed inside the extension page. */
function pageKdfMs(page: Page, iterations: number): Promise<number> {
  return page.evaluate(async (n: number) => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const base = await crypto.subtle.importKey('raw', new TextEncoder().encode('bench Master password 1'), 'PBKDF2', false, ['deriveBits']);
    const start = performance.now();
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: n }, base, 256);
    return performance.now() - start;
  }, iterations);
}

/** OWASP's two Argon2id configurations of equal strength: 19 MiB with 2 passes (Keyfob's choice for Argon2id), 46 MiB with 1. */
const ARGON2ID_CONFIGS = [
  { memoryKiB: DEFAULT_ARGON2ID.memoryKiB, iterations: DEFAULT_ARGON2ID.iterations, parallelism: 1 },
  { memoryKiB: 47_104, iterations: 1, parallelism: 1 },
] as const;

interface Argon2Config { memoryKiB: number; iterations: number; parallelism: number }

/** hash-wasm's Argon2id in the extension page (the worker's engine), the same library the vault uses for Argon2id backups. */
async function loadArgon2InPage(page: Page): Promise<void> {
  // Runtime.evaluate is not subject to the page's CSP (which allows no inline script, but does allow WebAssembly).
  const umd = readFileSync(join(ROOT, 'node_modules/hash-wasm/dist/argon2.umd.min.js'), 'utf8');
  await page.evaluate(umd);
}

function pageArgon2Ms(page: Page, c: Argon2Config): Promise<number> {
  return page.evaluate(async (cfg: Argon2Config) => {
    const { argon2id } = (globalThis as unknown as { hashwasm: { argon2id(o: object): Promise<Uint8Array> } }).hashwasm;
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const start = performance.now();
    await argon2id({ password: 'bench Master password 1', salt, iterations: cfg.iterations, parallelism: cfg.parallelism,
      memorySize: cfg.memoryKiB, hashLength: 32, outputType: 'binary' });
    return performance.now() - start;
  }, c);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function benchUnlock(opts: BenchOptions): Promise<BenchRow[]> {
  const cleanup = ensureBuild('unlock');
  const { launchWithExtension } = await import('../../test/e2e/harness.ts');
  const h = await launchWithExtension();
  const iterations = DEFAULT_PBKDF2_ITERATIONS;
  const { runs } = runsFor(opts);
  try {
    const page = await h.openPopupTab();
    const create = await timed(() => call(page, 'createVault', { password: PASSWORD }));
    await call(page, 'addAccounts', { drafts: Array.from({ length: 100 }, (_, i) => ({ account: {
      type: 'totp', issuer: `Issuer ${i}`, account: `user${i}`, secret: base32Encode(randomBytes(20)), algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
    } })) });
    const unlocks: number[] = [];
    for (let i = 0; i < runs; i++) {
      await call(page, 'lock');
      unlocks.push(await timed(() => call(page, 'unlock', { password: PASSWORD })));
    }
    const kdfs: number[] = [];
    for (let i = 0; i < runs; i++) kdfs.push(await pageKdfMs(page, iterations));
    const wrong = await timed(() => page.evaluate(() => chrome.runtime.sendMessage({ keyfob: 1, method: 'unlock', params: { password: 'Not-the-password-1' } })));
    const list = await medianMs(() => call(page, 'listAccounts'), { warmup: 1, runs });
    const node = await medianMs(() => pbkdf2Sync(PASSWORD, randomBytes(16), iterations, 32, 'sha256'), { warmup: 0, runs: opts.quick ? 2 : 3 });
    const kdfMedian = median(kdfs);
    await loadArgon2InPage(page);
    // The first call compiles hash-wasm's WebAssembly: what the first unlock after a worker start would pay on top.
    const argonFirst = await pageArgon2Ms(page, ARGON2ID_CONFIGS[0]);
    const argonRows: BenchRow[] = [];
    for (const c of ARGON2ID_CONFIGS) {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) ms.push(await pageArgon2Ms(page, c));
      argonRows.push({
        name: `Argon2id m=${Math.round(c.memoryKiB / 1024)} MiB t=${c.iterations} p=${c.parallelism} in the extension page (hash-wasm)`,
        value: median(ms), unit: 'ms', baseline: kdfMedian, baselineName: 'PBKDF2-SHA256 600k in the page',
        note: `OWASP parameters; goal if it were the default KDF: unlock < 700 ms; median of ${runs}`,
      });
    }
    const params = `PBKDF2-SHA256, ${iterations.toLocaleString('en')} iterations, 16-byte salt`;
    return [
      { name: 'unlock (message round trip)', value: median(unlocks), unit: 'ms', baseline: kdfMedian, baselineName: 'PBKDF2 alone in the page', note: params },
      { name: 'unlock minus KDF (unwrap + session storage + messaging)', value: Math.max(0, median(unlocks) - kdfMedian), unit: 'ms' },
      { name: 'PBKDF2 in the extension page (WebCrypto)', value: kdfMedian, unit: 'ms', baseline: node.median, baselineName: 'node:crypto pbkdf2Sync', note: params },
      ...argonRows,
      { name: 'Argon2id first call after load (WebAssembly compile + m=19 MiB t=2)', value: argonFirst, unit: 'ms', note: 'one run' },
      { name: 'create vault (KDF + new data key + wrap)', value: create, unit: 'ms', note: 'one run' },
      { name: 'wrong password refused', value: wrong, unit: 'ms', note: 'one run' },
      { name: 'listAccounts, 100 accounts (open every record)', value: list.median, unit: 'ms' },
      { name: 'KDF iterations (vault header)', value: iterations, unit: 'iterations', higherIsBetter: true },
    ];
  } finally {
    await h.close();
    cleanup();
  }
}

runIfMain(import.meta.url, benchUnlock);

// Bench: popup time-to-first-code (every visible row shows its code) with 10, 100 and 1,000 accounts,
// in real headless Chromium with the built extension. Standalone: `npx tsx scripts/bench/popup.ts [--quick]`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { base32Encode, type OtpAccount } from '../../src/shared/index.ts';
import { median, type BenchOptions, type BenchRow } from './types.ts';
import { runIfMain } from './standalone.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SIZES = [10, 100, 1000];

/** Uses KEYFOB_DIST or dist/ when built; otherwise builds into a temp dir that is removed afterwards. */
function ensureBuild(): () => void {
  const dist = process.env.KEYFOB_DIST ?? join(ROOT, 'dist');
  if (existsSync(join(dist, 'manifest.json'))) { process.env.KEYFOB_DIST = dist; return () => undefined; }
  const dir = mkdtempSync(join(tmpdir(), 'kf-bench-popup-'));
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT });
  process.env.KEYFOB_DIST = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

async function call<T>(page: Page, method: string, params: unknown): Promise<T> {
  const reply = await page.evaluate((m: string, p: unknown) => chrome.runtime.sendMessage({ keyfob: 1, method: m, params: p }), method, params) as
    { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message ?? 'failed'}`);
  return reply.value as T;
}

function accounts(from: number, to: number): { account: OtpAccount }[] {
  return Array.from({ length: to - from }, (_, i) => ({ account: {
    type: 'totp', issuer: `Issuer ${from + i}`, account: `user${from + i}@example.com`, secret: base32Encode(randomBytes(20)),
    algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
  } }));
}

/** Milliseconds from the popup document's navigation start until every rendered row shows digits. */
async function timeToFirstCode(page: Page, url: string): Promise<{ ms: number; rows: number }> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const handle = await page.waitForFunction(() => {
    const codes = Array.from(document.querySelectorAll('[role="listitem"] [data-testid="code"]'));
    return codes.length > 0 && codes.every((c) => /\d/.test(c.textContent ?? '')) ? { ms: performance.now(), rows: codes.length } : null;
  }, { polling: 'mutation', timeout: 30_000 });
  return (await handle.jsonValue()) as { ms: number; rows: number };
}

export async function benchPopup(opts: BenchOptions): Promise<BenchRow[]> {
  const cleanup = ensureBuild();
  const { launchWithExtension } = await import('../../test/e2e/harness.ts');
  const h = await launchWithExtension();
  const rows: BenchRow[] = [];
  try {
    const setup = await h.openPopupTab();
    await call(setup, 'createVault', { password: 'bench master password 1' });
    const url = setup.url();
    const runs = opts.quick ? 3 : 9;
    let have = 0;
    for (const size of SIZES) {
      await call(setup, 'addAccounts', { drafts: accounts(have, size) });
      have = size;
      const page = await h.browser.newPage();
      await timeToFirstCode(page, url); // warm the cache and the worker
      const samples: number[] = [];
      let rendered = 0;
      for (let i = 0; i < runs; i += 1) {
        const r = await timeToFirstCode(page, url);
        samples.push(r.ms);
        rendered = r.rows;
      }
      await page.close();
      // The vault's share: decrypting every account's metadata for the list, as the popup asks for it.
      const listing: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        listing.push(await setup.evaluate(async () => {
          const t = performance.now();
          await chrome.runtime.sendMessage({ keyfob: 1, method: 'listAccounts', params: {} });
          return performance.now() - t;
        }));
      }
      rows.push({
        name: `listAccounts round trip, ${size} accounts`,
        value: median(listing),
        unit: 'ms',
        note: 'part of time-to-first-code spent in the vault',
      });
      rows.push({
        name: `popup time-to-first-code, ${size} accounts`,
        value: median(samples),
        unit: 'ms',
        note: `median of ${runs} opens; ${rendered} rows rendered (virtualised), codes asked only for them`,
      });
    }
  } finally {
    await h.close();
    cleanup();
  }
  return rows;
}

runIfMain(import.meta.url, benchPopup);

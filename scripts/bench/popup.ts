// Bench: popup time-to-first-code (every visible row shows its code) with 10, 100 and 1,000 accounts, warm and
// with the service worker stopped first (cold, as after 30 s idle), in real headless Chromium with the built
// extension, against the goal (100 ms; cold within 1.5×). Then, with 1,000 accounts, the open popup's cost: script
// time per second while it stays open, and long tasks while a search is typed (goal: none, under 5 ms/s). Last, the
// same 1,000 accounts with icons and groups against none (popup-icons.ts). Standalone: `npx tsx scripts/bench/popup.ts [--quick]`.
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'puppeteer-core';
import { base32Encode, type OtpAccount } from '../../src/shared/index.ts';
import { median, type BenchOptions, type BenchRow } from './types.ts';
import { ensureBuild } from './extension-build.ts';
import { benchIconsAgainstPlain } from './popup-icons.ts';
import { call, codeWatchingPage, timeToFirstCode } from './popup-timing.ts';
import { runIfMain } from './standalone.ts';

const SIZES = [10, 100, 1000];
/** Issue 13: every visible code on screen within 100 ms of navigation start; with a stopped worker, within 1.5× of it. */
const GOAL_MS = 100;
const COLD_GOAL_RATIO = 1.5;
/** Issue 13: an open popup stays out of the way: under 5 ms of script per second, and no task over 50 ms. */
const IDLE_SCRIPT_GOAL_MS_PER_S = 5;
const IDLE_SECONDS = 10;
/** Typed one key at a time, as a user narrows 1,000 accounts down: every prefix matches fewer rows. */
const SEARCH_QUERY = 'user99';

function accounts(from: number, to: number): { account: OtpAccount }[] {
  return Array.from({ length: to - from }, (_, i) => ({ account: {
    type: 'totp', issuer: `Issuer ${from + i}`, account: `user${from + i}@example.com`, secret: base32Encode(randomBytes(20)),
    algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
  } }));
}

/** Stops the extension's service worker and waits until it is really gone, so the next open wakes it. */
async function stopWorker(browser: Browser, page: Page, extensionId: string): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  const running = () => browser.targets().some((t) => t.type() === 'service_worker' && new URL(t.url()).host === extensionId);
  for (let i = 0; i < 200 && running(); i++) await new Promise((r) => setTimeout(r, 25));
  if (running()) throw new Error('the service worker did not stop');
}

/** Installed before any page script runs: keeps every long task (> 50 ms, the browser's own threshold) with its start. */
const WATCH_LONG_TASKS = `(() => {
  window.__kfLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__kfLongTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;

type LongTask = { start: number; ms: number };

/** The popup's script time so far (CDP's ScriptDuration), in milliseconds. */
async function scriptMs(cdp: Awaited<ReturnType<Page['createCDPSession']>>): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

/**
 * An open popup with 1,000 accounts: script per second while it sits open (the countdown ticking), then each key
 * of a search typed one at a time, with the long tasks the typing caused.
 */
async function openPopupCost(browser: Browser, url: string): Promise<BenchRow[]> {
  const page = await codeWatchingPage(browser);
  await page.evaluateOnNewDocument(WATCH_LONG_TASKS);
  await timeToFirstCode(page, url);
  await page.bringToFront();
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  await new Promise((r) => setTimeout(r, 1000)); // let the rest of the list arrive and settle
  const idleStart = await scriptMs(cdp);
  const idleWall = Date.now();
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const idlePerS = (await scriptMs(cdp) - idleStart) / ((Date.now() - idleWall) / 1000);
  const idleLong = await page.evaluate(() => (window as unknown as { __kfLongTasks: LongTask[] }).__kfLongTasks.length);

  const typeStart = await page.evaluate(() => performance.now());
  const typeScript = await scriptMs(cdp);
  await page.focus('input[type="search"]');
  for (const key of SEARCH_QUERY) {
    await page.keyboard.type(key);
    // The next key only after the list shows this prefix's matches, as a reader would wait.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    await new Promise((r) => setTimeout(r, 100));
  }
  const typedScript = await scriptMs(cdp) - typeScript;
  const matches = await page.$$eval('[role="listitem"]', (els) => els.length);
  const typing = (await page.evaluate(() => (window as unknown as { __kfLongTasks: LongTask[] }).__kfLongTasks))
    .filter((task) => task.start >= typeStart);
  await cdp.detach();
  await page.close();
  const longest = Math.max(0, ...typing.map((task) => task.ms));
  return [
    { name: 'open popup script per second, 1000 accounts, idle', value: idlePerS, unit: 'ms', baseline: IDLE_SCRIPT_GOAL_MS_PER_S,
      baselineName: 'goal', note: `goal < ${IDLE_SCRIPT_GOAL_MS_PER_S} ms/s: ${idlePerS < IDLE_SCRIPT_GOAL_MS_PER_S ? 'met' : 'not met'}; `
        + `CDP ScriptDuration over ${IDLE_SECONDS} s open; ${idleLong} long tasks in all since navigation` },
    { name: 'long tasks while typing a search, 1000 accounts', value: typing.length, unit: 'tasks', higherIsBetter: false,
      note: `goal 0: ${typing.length === 0 ? 'met' : 'not met'}; "${SEARCH_QUERY}" typed one key at a time, ${matches} rows rendered at the end; `
        + `longest ${longest.toFixed(0)} ms` },
    { name: 'longest task while typing a search, 1000 accounts', value: longest, unit: 'ms', baseline: 50, baselineName: 'goal',
      note: `goal ≤ 50 ms (a long task is > 50 ms): ${typing.length === 0 ? 'met' : 'not met'}; 0 when there was none` },
    { name: 'script per key while typing a search, 1000 accounts', value: typedScript / SEARCH_QUERY.length, unit: 'ms',
      note: `CDP ScriptDuration over the ${SEARCH_QUERY.length} keys of "${SEARCH_QUERY}" (filter and render), per key` },
  ];
}

async function roundTripMs(page: Page, method: string, params: unknown): Promise<number> {
  return page.evaluate(async (m: string, p: unknown) => {
    const t = performance.now();
    await chrome.runtime.sendMessage({ keyfob: 1, method: m, params: p });
    return performance.now() - t;
  }, method, params);
}

const goalNote = (value: number, goal: number) => `goal ≤ ${goal} ms: ${value <= goal ? 'met' : 'not met'}`;

export async function benchPopup(opts: BenchOptions): Promise<BenchRow[]> {
  const cleanup = ensureBuild('popup');
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
      const page = await codeWatchingPage(h.browser);
      await timeToFirstCode(page, url); // warm the cache and the worker
      const samples: number[] = [];
      let rendered = 0;
      for (let i = 0; i < runs; i += 1) {
        const r = await timeToFirstCode(page, url);
        samples.push(r.ms);
        rendered = r.rows;
      }
      // Cold: the worker is stopped before each open, so the open wakes it and its index comes back from the sealed record.
      const cold: number[] = [];
      if (size === SIZES[SIZES.length - 1]) {
        for (let i = 0; i < runs; i += 1) {
          await stopWorker(h.browser, page, h.extensionId);
          cold.push((await timeToFirstCode(page, url)).ms);
        }
      }
      await page.close();
      // The vault's share: the first screen's one message (index + codes of the rows on screen), the rest of the
      // list from the index, and for comparison listAccounts, which opens every row.
      const share = { first: [] as number[], rest: [] as number[], full: [] as number[] };
      for (let i = 0; i < runs; i += 1) {
        share.first.push(await roundTripMs(setup, 'firstScreen', { rows: rendered }));
        share.rest.push(await roundTripMs(setup, 'listAccountViews', {}));
        share.full.push(await roundTripMs(setup, 'listAccounts', {}));
      }
      rows.push({ name: `firstScreen round trip, ${size} accounts`, value: median(share.first), unit: 'ms',
        note: `the popup's first paint: ${rendered} rows from the worker's index, with their codes` });
      rows.push({ name: `listAccountViews round trip, ${size} accounts`, value: median(share.rest), unit: 'ms',
        note: 'the rest of the list, from the index, after first paint' });
      rows.push({ name: `listAccounts round trip, ${size} accounts`, value: median(share.full), unit: 'ms',
        note: 'opens every row (no longer on the popup\'s path)' });
      const warm = median(samples);
      rows.push({
        name: `popup time-to-first-code, ${size} accounts`,
        value: warm,
        unit: 'ms',
        baseline: GOAL_MS,
        baselineName: 'goal',
        note: `${goalNote(warm, GOAL_MS)}; median of ${runs} opens; ${rendered} rows rendered (virtualised), codes asked only for them`,
      });
      if (cold.length > 0) {
        const value = median(cold);
        rows.push({
          name: `popup time-to-first-code, ${size} accounts, worker stopped`,
          value,
          unit: 'ms',
          baseline: GOAL_MS,
          baselineName: 'goal',
          note: `${goalNote(value, GOAL_MS * COLD_GOAL_RATIO)} (1.5× the goal); median of ${runs} opens, each after ServiceWorker.stopAllWorkers`,
        });
      }
    }
    rows.push(...await openPopupCost(h.browser, url));
  } finally {
    await h.close();
  }
  try {
    // Issue 24: the same 1,000 accounts with icons and groups against none, opened in turn in the same run.
    rows.push(...await benchIconsAgainstPlain(opts));
  } finally {
    cleanup();
  }
  return rows;
}

runIfMain(import.meta.url, benchPopup);

// Bench: what a sleeping service worker costs the first message (MV3 stops it after 30 s idle), against a minimal worker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findChromium } from '../ensure-chromium.mjs';
import { CHROMIUM_FLAGS, welcomeTab } from '../../test/e2e/harness.ts';
import { median, type BenchOptions, type BenchRow } from './types.ts';
import { runIfMain } from './standalone.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** An extension whose worker only answers messages: the floor any extension pays to wake its worker. */
function writeMinimalExtension(dir: string): void {
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'Bench minimal worker', version: '1.0',
    background: { service_worker: 'sw.js', type: 'module' },
  }));
  writeFileSync(join(dir, 'sw.js'), 'chrome.runtime.onMessage.addListener((m, _s, reply) => { reply({ ok: true, value: m.params }); });\n');
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>bench</title>');
}

async function workerIds(browser: Browser): Promise<string[]> {
  return browser.targets().filter((t) => t.type() === 'service_worker').map((t) => new URL(t.url()).host);
}

/** Milliseconds for one ping from an extension page to its own worker, timed inside the page. */
async function pingMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const start = performance.now();
    const reply = await chrome.runtime.sendMessage({ keyfob: 1, method: 'ping', params: { nonce: 'bench' } }) as { ok?: boolean } | undefined;
    if (!reply?.ok) throw new Error('ping failed');
    return performance.now() - start;
  });
}

async function stopWorkers(browser: Browser, page: Page, ids: string[]): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  // The worker must really be gone, or the next ping would measure a warm one.
  for (let i = 0; i < 200; i++) {
    if (!(await workerIds(browser)).some((id) => ids.includes(id))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('service workers did not stop');
}

export async function benchWorkerStart(opts: BenchOptions): Promise<BenchRow[]> {
  const dist = resolve(process.env.KEYFOB_DIST ?? join(ROOT, 'dist'));
  const minimal = mkdtempSync(join(tmpdir(), 'kf-bench-minimal-ext-'));
  const profile = mkdtempSync(join(tmpdir(), 'kf-bench-profile-'));
  writeMinimalExtension(minimal);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run `node scripts/ensure-chromium.mjs`');
  const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, enableExtensions: [dist, minimal], userDataDir: profile, args: CHROMIUM_FLAGS });
  try {
    const deadline = Date.now() + 20_000;
    while ((await browser.extensions()).size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const extensions = [...(await browser.extensions()).values()];
    const keyfob = extensions.find((e) => resolve(e.path) === dist);
    const floor = extensions.find((e) => resolve(e.path) === resolve(minimal));
    if (!keyfob || !floor) throw new Error('an extension did not load');
    // The install's welcome tab asks the worker for the vault's state whenever storage changes: it would wake the worker.
    await (await welcomeTab(browser, keyfob.id)).close();
    const open = async (url: string): Promise<Page> => { const p = await browser.newPage(); await p.goto(url, { waitUntil: 'load' }); return p; };
    const ours = await open(`chrome-extension://${keyfob.id}/extension/offscreen/clipboard.html`);
    const theirs = await open(`chrome-extension://${floor.id}/page.html`);
    const ids = [keyfob.id, floor.id];
    const runs = opts.quick ? 3 : 15;
    const cold = { ours: [] as number[], theirs: [] as number[] };
    const warm = { ours: [] as number[], theirs: [] as number[] };
    await pingMs(ours);
    await pingMs(theirs);
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always wakes on a busier moment.
      for (const [side, page] of (i % 2 === 0 ? [['ours', ours], ['theirs', theirs]] : [['theirs', theirs], ['ours', ours]]) as ['ours' | 'theirs', Page][]) {
        await stopWorkers(browser, page, ids);
        cold[side].push(await pingMs(page));
        warm[side].push(await pingMs(page));
      }
    }
    // Each run wakes both workers back to back, so the ratio within a run is less exposed to the load on a
    // shared machine than the ratio of two medians; both are reported.
    const pairRatios = cold.ours.map((ms, i) => ms / (cold.theirs[i] as number));
    return [{
      name: 'background worker: first message after the worker stopped',
      value: median(cold.ours), unit: 'ms', baseline: median(cold.theirs), baselineName: 'minimal extension worker',
      note: `median of ${runs}; worker start, module evaluation and the ping handler, timed in an extension page; `
        + `median ratio within a run ${median(pairRatios).toFixed(2)}`,
    }, {
      name: 'background worker: message to a running worker',
      value: median(warm.ours), unit: 'ms', baseline: median(warm.theirs), baselineName: 'minimal extension worker',
      note: `median of ${runs} pings`,
    }];
  } finally {
    await browser.close();
    rmSync(minimal, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, benchWorkerStart);

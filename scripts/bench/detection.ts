// Bench: precision and recall of field detection on the labelled corpus of real two-factor pages (test/fixtures/pages),
// per split: in a Node DOM (the harness of test/unit/content) and, all of it, in real Chromium with the built extension.
import { performance } from 'node:perf_hooks';
import { readLabels, runCorpus, type Figures, type Split } from '../../test/unit/content/corpus-harness.ts';
import { ensureBuild } from './extension-build.ts';
import { runIfMain } from './standalone.ts';
import type { BenchOptions, BenchRow } from './types.ts';

/**
 * Browsers run side by side, one page at a time each: Keyfob fills only in the tab the user is looking at, so tabs of
 * one window cannot share the work, and most of a page's time is waiting for the content script to settle.
 */
const BROWSERS = 3;
/** No page is started after this long, so a slow machine still ends inside the runner's 180 s per module. */
const CHROMIUM_BUDGET_MS = 120_000;

const pct = (x: number): number => Math.round(x * 1000) / 10;

interface Judged { split: Split; expect: 'fill' | 'leave'; got: 'fill' | 'leave' }

function figures(outcomes: Judged[], cls: 'fill' | 'leave'): Figures {
  const total = outcomes.filter((o) => o.expect === cls).length;
  const predicted = outcomes.filter((o) => o.got === cls).length;
  const correct = outcomes.filter((o) => o.expect === cls && o.got === cls).length;
  return { total, correct, recall: total ? correct / total : 1, precision: predicted ? correct / predicted : 1 };
}

function rows(where: string, split: Split, cls: 'fill' | 'leave', f: Figures): BenchRow[] {
  const what = cls === 'fill' ? 'fill' : 'leave-alone';
  return [
    { name: `detection ${where}${split} ${what} recall`, value: pct(f.recall), unit: '%', note: `${f.correct}/${f.total} fields` },
    { name: `detection ${where}${split} ${what} precision`, value: pct(f.precision), unit: '%' },
  ];
}

/** Every corpus page (a sample under --quick) in Chromium, BROWSERS at a time, each page on its own origin. */
async function chromiumRows(quick: boolean): Promise<BenchRow[]> {
  const cleanup = ensureBuild('detection');
  const { launchWithExtension } = await import('../../test/e2e/harness.ts');
  const { MASTER_PASSWORD, callFromExtension } = await import('../../test/e2e/autofill-setup.ts');
  const { runPageInChromium, samplePages } = await import('../../test/e2e/corpus-in-chromium.ts');
  const pages = quick ? samplePages(7, 1) : readLabels().pages;
  const started = performance.now();
  const judged: Judged[] = [];
  let next = 0;
  let run = 0;
  try {
    await Promise.all(Array.from({ length: BROWSERS }, async () => {
      const h = await launchWithExtension();
      try {
        const ext = await h.openPopupTab();
        await callFromExtension(ext, 'createVault', { password: MASTER_PASSWORD });
        for (let i = next++; i < pages.length && performance.now() - started < CHROMIUM_BUDGET_MS; i = next++) {
          const page = pages[i];
          if (!page) continue;
          for (const o of await runPageInChromium(h, ext, page)) judged.push({ split: page.split, expect: o.expect, got: o.got });
          run++;
        }
      } finally {
        await h.close();
      }
    }));
  } finally {
    cleanup();
  }
  const ms = performance.now() - started;
  const out: BenchRow[] = [];
  for (const split of ['tuning', 'validation'] as const) {
    const of = judged.filter((j) => j.split === split);
    out.push(...rows('chromium ', split, 'fill', figures(of, 'fill')), ...rows('chromium ', split, 'leave', figures(of, 'leave')));
  }
  out.push({ name: 'detection corpus run (chromium)', value: Math.round(ms / run), unit: 'ms/page',
    note: `${run === pages.length ? '' : `time budget: ${run} of `}${pages.length} pages, ${BROWSERS} browsers side by side, `
      + `${judged.filter((j) => j.expect !== j.got).length} failing fields` });
  return out;
}

export async function benchDetection(opts: BenchOptions): Promise<BenchRow[]> {
  const started = performance.now();
  const report = await runCorpus();
  const ms = performance.now() - started;
  const pages = report.tuning.pages + report.validation.pages;
  const out: BenchRow[] = [];
  for (const split of ['tuning', 'validation'] as const) {
    out.push(...rows('', split, 'fill', report[split].fill), ...rows('', split, 'leave', report[split].leave));
  }
  out.push({ name: 'detection corpus run (jsdom)', value: Math.round(ms / pages * 10) / 10, unit: 'ms/page',
    note: `${pages} pages, ${report.failures.length} failing fields` });
  try {
    out.push(...await chromiumRows(opts.quick));
  } catch (err) {
    out.push({ name: 'detection corpus run (chromium)', value: Number.NaN, unit: 'ms/page', note: `skipped: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
  }
  return out;
}

runIfMain(import.meta.url, benchDetection);

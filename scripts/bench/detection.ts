// Bench: precision and recall of field detection on the labelled corpus of real two-factor pages (test/fixtures/pages), per split.
import { performance } from 'node:perf_hooks';
import { runCorpus, type Figures, type Split } from '../../test/unit/content/corpus-harness.ts';
import { runIfMain } from './standalone.ts';
import type { BenchOptions, BenchRow } from './types.ts';

const pct = (x: number): number => Math.round(x * 1000) / 10;

function rows(split: Split, cls: 'fill' | 'leave', f: Figures): BenchRow[] {
  const what = cls === 'fill' ? 'fill' : 'leave-alone';
  return [
    { name: `detection ${split} ${what} recall`, value: pct(f.recall), unit: '%', note: `${f.correct}/${f.total} fields` },
    { name: `detection ${split} ${what} precision`, value: pct(f.precision), unit: '%' },
  ];
}

export async function benchDetection(_opts: BenchOptions): Promise<BenchRow[]> {
  const started = performance.now();
  const report = await runCorpus();
  const ms = performance.now() - started;
  const pages = report.tuning.pages + report.validation.pages;
  const out: BenchRow[] = [];
  for (const split of ['tuning', 'validation'] as const) {
    out.push(...rows(split, 'fill', report[split].fill), ...rows(split, 'leave', report[split].leave));
  }
  out.push({ name: 'detection corpus run (jsdom)', value: Math.round(ms / pages * 10) / 10, unit: 'ms/page',
    note: `${pages} pages, ${report.failures.length} failing fields` });
  return out;
}

runIfMain(import.meta.url, benchDetection);

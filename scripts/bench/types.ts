// The benchmark row every bench module returns, and the small timing helpers they share.
import { performance } from 'node:perf_hooks';

/** One measured figure, optionally against a baseline measured in the same run. */
export interface BenchRow {
  /** Short, unique, stable name, e.g. "decodeQr 1280×800@1x light small". */
  name: string;
  value: number;
  /** "ms", "codes/s", "req/s", "KiB", "%"… A unit containing "/s" or "%" is taken as higher-is-better. */
  unit: string;
  /** The baseline's figure in the same unit, measured in the same run. */
  baseline?: number;
  /** What the baseline is, e.g. "zbarimg", "node:crypto HMAC-SHA1", "bare Express route". */
  baselineName?: string;
  /** Overrides the unit-based guess of which direction is better. */
  higherIsBetter?: boolean;
  /** A word for the reader: parameters, share decoded, why a module was skipped. */
  note?: string;
}

export interface BenchOptions {
  /** Fewer runs and smaller inputs: for a quick look, not for the README. */
  quick: boolean;
}

/** What a bench module exports: an async function from options to rows. */
export type BenchFn = (opts: BenchOptions) => Promise<BenchRow[]>;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as number;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] as number) + hi) / 2;
}

/** value ÷ baseline; undefined when there is no usable baseline. */
export function ratio(row: Pick<BenchRow, 'value' | 'baseline'>): number | undefined {
  const { value, baseline } = row;
  if (baseline === undefined || !Number.isFinite(baseline) || baseline === 0 || !Number.isFinite(value)) return undefined;
  return value / baseline;
}

export function isHigherBetter(row: Pick<BenchRow, 'unit' | 'higherIsBetter'>): boolean {
  return row.higherIsBetter ?? (row.unit.includes('/s') || row.unit === '%');
}

/**
 * How many times worse than its baseline a row is (1 = on par, 2 = twice as slow/big, 0.5 = twice as good),
 * whichever direction its unit runs: this is what the chart draws, so all bars read the same way.
 */
export function costFactor(row: BenchRow): number | undefined {
  const r = ratio(row);
  if (r === undefined || r === 0) return undefined;
  return isHigherBetter(row) ? 1 / r : r;
}

/** Wall-clock milliseconds of one call. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs fn `warmup` times unmeasured, then `runs` times, and returns the median in ms plus every sample. */
export async function medianMs(
  fn: () => unknown,
  { warmup = 2, runs = 7 }: { warmup?: number; runs?: number } = {},
): Promise<{ median: number; samples: number[] }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeMs(fn));
  return { median: median(samples), samples };
}

/** Default run counts, smaller under --quick. */
export function runsFor(opts: BenchOptions): { warmup: number; runs: number } {
  return opts.quick ? { warmup: 1, runs: 3 } : { warmup: 2, runs: 7 };
}

// Turns bench rows into the plain-text table the runner prints and the Markdown table the README shows.
import { costFactor, isHigherBetter, ratio, type BenchRow } from './types.ts';

/** A figure with about three significant digits, no exponent: 0.0123, 1.23, 12.3, 1234. */
export function formatNumber(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  if (abs >= 100) return String(Math.round(n));
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  if (abs === 0) return '0';
  return n.toPrecision(2);
}

/** "1.8× slower", "2.1× faster", "on par": the ratio in the reader's words. */
export function describeRatio(row: BenchRow): string {
  const cost = costFactor(row);
  if (cost === undefined) return '';
  if (cost > 0.95 && cost < 1.05) return 'on par';
  const worse = isHigherBetter(row) ? 'slower' : row.unit.includes('B') ? 'larger' : 'slower';
  const better = row.unit.includes('B') ? 'smaller' : 'faster';
  return cost > 1 ? `${formatNumber(cost)}× ${worse}` : `${formatNumber(1 / cost)}× ${better}`;
}

export interface TableLine {
  name: string;
  value: string;
  unit: string;
  baseline: string;
  ratio: string;
  verdict: string;
  note: string;
}

export function toTableLines(rows: readonly BenchRow[]): TableLine[] {
  return rows.map((row) => ({
    name: row.name,
    value: formatNumber(row.value),
    unit: row.unit,
    baseline: row.baseline === undefined ? '' : `${formatNumber(row.baseline)} (${row.baselineName ?? 'baseline'})`,
    ratio: formatNumber(ratio(row)).replace('–', ''),
    verdict: describeRatio(row),
    note: row.note ?? '',
  }));
}

const COLUMNS: (keyof TableLine)[] = ['name', 'value', 'unit', 'baseline', 'ratio', 'verdict', 'note'];
const NOTE_WIDTH = 60;

export function formatTextTable(rows: readonly BenchRow[]): string {
  const lines = toTableLines(rows).map((l) => ({ ...l, note: l.note.length > NOTE_WIDTH ? `${l.note.slice(0, NOTE_WIDTH - 1)}…` : l.note }));
  const widths = COLUMNS.map((c) => Math.max(c.length, ...lines.map((l) => l[c].length)));
  const rightAligned = new Set<keyof TableLine>(['value', 'ratio']);
  const fmt = (cells: string[]): string => cells
    .map((cell, i) => (rightAligned.has(COLUMNS[i] as keyof TableLine) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
  return [fmt(COLUMNS), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map((l) => fmt(COLUMNS.map((c) => l[c])))].join('\n');
}

export function formatMarkdownTable(rows: readonly BenchRow[]): string {
  const escape = (s: string): string => s.replace(/\|/g, '\\|');
  const header = '| figure | value | unit | baseline | ratio | |\n|---|---:|---|---|---:|---|';
  const body = toTableLines(rows).map((l) => `| ${escape(l.name)} | ${l.value} | ${l.unit} | ${escape(l.baseline)} | ${l.ratio} | ${l.verdict} |`);
  return [header, ...body].join('\n');
}

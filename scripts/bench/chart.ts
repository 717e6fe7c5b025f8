// Draws the bench ratios as a small SVG bar chart (docs/bench.svg), readable on light and dark backgrounds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeRatio } from './table.ts';
import { costFactor, type BenchRow } from './types.ts';

const WIDTH = 820;
const LABEL_W = 300;
const PLOT_X = LABEL_W + 10;
const PLOT_W = 380;
const ROW_H = 22;
const TOP = 46;
const BOTTOM = 34;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// About what fits in LABEL_W at 12 px. The cut is in the middle because names often differ only at the
// end ("… p50 latency", "… p99 latency"); the full name stays in the bar's tooltip.
const LABEL_CHARS = 42;
function shorten(s: string): string {
  if (s.length <= LABEL_CHARS) return s;
  const head = Math.ceil((LABEL_CHARS - 1) / 2);
  return `${s.slice(0, head).trimEnd()}…${s.slice(s.length - (LABEL_CHARS - 1 - head)).trimStart()}`;
}

const fmtFactor = (exp: number): string => (exp >= 0 ? `${2 ** exp}×` : `1/${2 ** -exp}×`);

/**
 * One horizontal bar per row that has a baseline, on a log₂ scale centred on "same as baseline":
 * bars left of the line are better than the baseline, bars right of it worse, whatever the unit.
 */
export function renderChart(rows: readonly BenchRow[], title = 'Keyfob against its baselines (log scale; left of the line is better)'): string {
  const bars = rows.flatMap((row) => {
    const cost = costFactor(row);
    return cost === undefined || !Number.isFinite(cost) ? [] : [{ row, cost }];
  });
  const maxExp = Math.min(6, Math.max(2, ...bars.map((b) => Math.ceil(Math.abs(Math.log2(b.cost))))));
  const x = (cost: number): number => {
    const e = Math.max(-maxExp, Math.min(maxExp, Math.log2(cost)));
    return PLOT_X + ((e + maxExp) / (2 * maxExp)) * PLOT_W;
  };
  const height = TOP + Math.max(1, bars.length) * ROW_H + BOTTOM;
  const x1 = x(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}">`,
    // Mid-tone bars read on both backgrounds; only text and grid lines switch with the reader's theme.
    '<style>text{fill:#24292f}.grid{stroke:#d0d7de}.axis{stroke:#57606a}.better{fill:#2a9d8f}.worse{fill:#e07a2e}'
      + '@media (prefers-color-scheme: dark){text{fill:#e6edf3}.grid{stroke:#30363d}.axis{stroke:#8b949e}}</style>',
    `<text x="10" y="20" font-size="14" font-weight="600">${escapeXml(title)}</text>`,
  ];
  for (let e = -maxExp; e <= maxExp; e++) {
    const gx = x(2 ** e);
    parts.push(`<line class="${e === 0 ? 'axis' : 'grid'}" x1="${gx}" y1="${TOP - 6}" x2="${gx}" y2="${height - BOTTOM + 4}" stroke-width="${e === 0 ? 1.5 : 1}"/>`);
    if (e % (maxExp > 4 ? 2 : 1) === 0) {
      parts.push(`<text x="${gx}" y="${height - BOTTOM + 18}" text-anchor="middle">${fmtFactor(e)}</text>`);
    }
  }
  bars.forEach(({ row, cost }, i) => {
    const y = TOP + i * ROW_H;
    const bx = x(cost);
    const left = Math.min(bx, x1);
    const w = Math.max(1, Math.abs(bx - x1));
    parts.push(`<g><title>${escapeXml(`${row.name}: ${describeRatio(row)}`)}</title>`
      + `<text x="${LABEL_W}" y="${y + 15}" text-anchor="end">${escapeXml(shorten(row.name))}</text>`
      + `<rect class="bar ${cost <= 1 ? 'better' : 'worse'}" x="${left.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW_H - 8}" rx="2"/>`
      + `<text x="${PLOT_X + PLOT_W + 8}" y="${y + 15}">${escapeXml(describeRatio(row))}</text></g>`);
  });
  if (bars.length === 0) parts.push(`<text x="${PLOT_X}" y="${TOP + 15}">No figure with a baseline in this run.</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

export function writeChart(rows: readonly BenchRow[], file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderChart(rows));
}

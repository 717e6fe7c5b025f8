// Accepts what each bench module exports and returns, in the shapes its author chose, and turns it into BenchRows.
import type { BenchOptions, BenchRow } from './types.ts';

type AnyBench = (opts: BenchOptions) => unknown;

/**
 * The module's bench function: `bench<Name>`/`run<Name>` matching its file (e.g. benchQrDecode for qr-decode),
 * else `default`, `bench`, `run`, else the only exported function named bench*, run* or measure*.
 */
export function pickBenchFunction(moduleName: string, mod: Record<string, unknown>): AnyBench | null {
  const camel = moduleName.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  const title = camel.charAt(0).toUpperCase() + camel.slice(1);
  for (const key of [`bench${title}`, `run${title}`, `measure${title}`, 'default', 'bench', 'run']) {
    const fn = mod[key];
    if (typeof fn === 'function') return fn as AnyBench;
  }
  const candidates = Object.entries(mod).filter(([k, v]) => typeof v === 'function' && /^(bench|run|measure)/i.test(k));
  return candidates.length === 1 ? (candidates[0]?.[1] as AnyBench) : null;
}

function asObject(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** One row from whatever a module produced; null when it has no name or no numeric value. */
export function normaliseRow(raw: unknown): BenchRow | null {
  const o = asObject(raw);
  if (!o) return null;
  const name = str(o.name) ?? str(o.label);
  const value = num(o.value) ?? num(o.median) ?? num(o.ms);
  if (name === undefined || value === undefined) return null;
  const baseObj = asObject(o.baseline);
  const baseline = num(o.baseline) ?? num(o.baselineValue) ?? num(baseObj?.value);
  const baselineName = str(o.baselineName) ?? str(o.baselineLabel) ?? str(baseObj?.name);
  const note = str(o.note) ?? str(o.notes) ?? str(o.detail);
  const row: BenchRow = { name, value, unit: str(o.unit) ?? (o.ms !== undefined ? 'ms' : '') };
  if (baseline !== undefined) row.baseline = baseline;
  if (baselineName !== undefined) row.baselineName = baselineName;
  if (typeof o.higherIsBetter === 'boolean') row.higherIsBetter = o.higherIsBetter;
  if (note !== undefined) row.note = note;
  return row;
}

/** Rows from an array, or from `{ rows: [...] }`; anything unusable is dropped rather than failing the run. */
export function normaliseRows(out: unknown): BenchRow[] {
  const list = Array.isArray(out) ? out : asObject(out)?.rows;
  if (!Array.isArray(list)) return [];
  return list.map(normaliseRow).filter((r): r is BenchRow => r !== null);
}

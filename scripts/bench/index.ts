// `npm run bench`: runs every bench module, prints one table, writes bench-results.json and docs/bench.svg; never fails.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeChart } from './chart.ts';
import { buildExtensionInto } from './extension-build.ts';
import { normaliseRows, pickBenchFunction } from './module-shape.ts';
import { formatMarkdownTable, formatTextTable } from './table.ts';
import { ratio, type BenchOptions, type BenchRow } from './types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');

/** Cheap and self-contained first, browsers and servers after; names are what --only takes. */
const MODULES = ['bundle-size', 'codegen', 'import', 'look-alike', 'detection', 'qr-decode', 'qr-baselines', 'unlock', 'worker-start', 'popup', 'popup-icons', 'look-alike-pages', 'content-script', 'demo-server', 'webdav-sync'];

interface ModuleReport {
  name: string;
  status: 'ok' | 'missing' | 'failed' | 'timed out';
  seconds: number;
  rows: number;
  error?: string;
}

interface Args { only: string[] | null; quick: boolean; markdown: boolean }

function parseArgs(argv: string[]): Args {
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : null;
  return { only, quick: argv.includes('--quick'), markdown: argv.includes('--markdown') };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0] ?? e.name : String(e);
}

async function withTimeout<T>(work: Promise<T>, seconds: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((res) => { timer = setTimeout(() => res('timeout'), seconds * 1000); });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runModule(name: string, opts: BenchOptions, budgetSeconds: number): Promise<{ report: ModuleReport; rows: BenchRow[] }> {
  const file = join(HERE, `${name}.ts`);
  const started = performance.now();
  const seconds = (): number => Math.round((performance.now() - started) / 100) / 10;
  if (!existsSync(file)) return { report: { name, status: 'missing', seconds: 0, rows: 0 }, rows: [] };
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const fn = pickBenchFunction(name, mod);
    if (!fn) throw new Error('exports no bench function (expected bench*/run* or a default export)');
    const out = await withTimeout(Promise.resolve(fn(opts)), budgetSeconds);
    if (out === 'timeout') return { report: { name, status: 'timed out', seconds: seconds(), rows: 0, error: `over ${budgetSeconds} s` }, rows: [] };
    const rows = normaliseRows(out);
    return { report: { name, status: 'ok', seconds: seconds(), rows: rows.length }, rows };
  } catch (e) {
    return { report: { name, status: 'failed', seconds: seconds(), rows: 0, error: errorText(e) }, rows: [] };
  }
}

// Vite colours its errors even when piped; the escape byte is built, not written, to keep the regex lint-clean.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Builds the current source once into a temp dir for every browser bench, so dist/ is never touched. */
function buildExtension(): { dir: string; cleanup(): void } | null {
  if (process.env.KEYFOB_DIST) return { dir: process.env.KEYFOB_DIST, cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'kf-bench-dist-'));
  try {
    buildExtensionInto(dir, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    const reason = stderr.split('\n').find((l) => /could not|\[[A-Z_]+\]|error/i.test(l) && !/^(error during build|build failed)/i.test(l.trim())) ?? errorText(e);
    console.error(`bench: the extension did not build (${reason.replace(ANSI_COLOUR, '').trim()}); bundle and browser benches will fail`);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const opts: BenchOptions = { quick: args.quick };
  const selected = args.only ? MODULES.filter((m) => args.only?.includes(m)) : MODULES;
  if (args.only && selected.length === 0) console.error(`bench: no module named ${args.only.join(', ')}; known: ${MODULES.join(', ')}`);
  const build = buildExtension();
  if (build) process.env.KEYFOB_DIST = build.dir;

  const reports: ModuleReport[] = [];
  const rows: (BenchRow & { module: string })[] = [];
  try {
    for (const name of selected) {
      console.error(`bench: ${name}…`);
      const { report, rows: got } = await runModule(name, opts, args.quick ? 90 : 180);
      reports.push(report);
      rows.push(...got.map((r) => ({ ...r, module: name })));
      console.error(`bench: ${name} ${report.status} in ${report.seconds} s${report.error ? `: ${report.error}` : ''}`);
    }
  } finally {
    build?.cleanup();
  }

  const skipped: BenchRow[] = reports.filter((r) => r.status !== 'ok')
    .map((r) => ({ name: `${r.name} (${r.status})`, value: Number.NaN, unit: '', note: r.error ?? 'no such file yet' }));
  console.log(formatTextTable([...rows, ...skipped]));
  if (args.markdown) console.log(`\n${formatMarkdownTable(rows)}`);

  const results = {
    date: new Date().toISOString(),
    quick: args.quick,
    machine: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, cpu: cpus()[0]?.model ?? '' },
    modules: reports,
    rows: rows.map((r) => ({
      module: r.module, name: r.name, value: r.value, unit: r.unit,
      baseline: r.baseline ?? null, baselineName: r.baselineName ?? null, ratio: ratio(r) ?? null, note: r.note ?? null,
    })),
  };
  writeFileSync(join(ROOT, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  // A partial run would leave a misleading chart behind, so only a run of every module redraws it.
  if (!args.only) writeChart(rows, join(ROOT, 'docs/bench.svg'));
  console.error(`bench: wrote bench-results.json${args.only ? '' : ' and docs/bench.svg'}`);
}

main().then(
  // Modules that timed out may still hold browsers or servers: exiting ends them (puppeteer kills its children).
  () => process.exit(0),
  (e: unknown) => { console.error('bench: runner error (benchmarks never fail the build):', e); process.exit(0); },
);

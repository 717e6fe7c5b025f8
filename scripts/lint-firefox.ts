// Runs Mozilla's `web-ext lint` on the Firefox package exactly as AMO receives it, and fails on any error or unexplained warning.
// Usage: tsx scripts/lint-firefox.ts [--package packages/keyfob-<version>-firefox.zip | --dist dist]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { judgeLintReport, type LintReport } from './build/firefox-lint-policy.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { package: { type: 'string' }, dist: { type: 'string', default: 'dist' } } });

function defaultPackage(): string {
  const { version } = JSON.parse(readFileSync(resolve(root, values.dist, 'manifest.json'), 'utf8')) as { version: string };
  return resolve(root, 'packages', `keyfob-${version}-firefox.zip`);
}

const zip = resolve(root, values.package ?? defaultPackage());
const dir = mkdtempSync(join(tmpdir(), 'keyfob-lint-'));
try {
  for (const [path, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (path.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  // web-ext's package exports hide its files; its bin script sits where npm installs it.
  const webExt = join(root, 'node_modules', 'web-ext', 'bin', 'web-ext.js');
  const run = spawnSync(process.execPath, [webExt, 'lint', '--source-dir', dir, '--output', 'json', '--no-input', '--no-config-discovery'], { maxBuffer: 1 << 26 });
  let report: LintReport;
  try {
    report = JSON.parse(run.stdout.toString()) as LintReport;
  } catch {
    console.error(`web-ext lint gave no report (exit ${run.status}):\n${run.stderr.toString()}`);
    process.exit(1);
  }
  const verdict = judgeLintReport(report, (file) => readFileSync(join(dir, file), 'utf8'));
  for (const { message, why } of verdict.kept) console.log(`kept  ${message.code} ${message.file ?? ''}: ${message.message}\n      why: ${why}`);
  for (const m of verdict.refused) console.log(`FAIL  ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}:${m.column}` : ''}: ${m.message}`);
  for (const m of report.notices) console.log(`note  ${m.code} ${m.file ?? ''}: ${m.message}`);
  console.log(`web-ext lint ${zip}: ${report.errors.length} errors, ${report.warnings.length} warnings (${verdict.kept.length} explained), ${report.notices.length} notices`);
  process.exitCode = verdict.ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

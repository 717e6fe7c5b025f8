#!/usr/bin/env node
// `npm test`: finds or installs Chromium and Apache httpd (WebDAV), then typecheck and lint (side by side), build, package + web-ext lint, unit + server tests, browser tests.
// Stops at the first failing step and exits non-zero; lists the 15 slowest test files, then ends with one
// "N passed, N failed" line (CI reads it: keep it last).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureWebdavServer } from './ensure-webdav.mjs';

const chromium = ensureChromium();
if (!chromium) process.exit(1);
process.env.CHROME_PATH = chromium;
// The sync tests start a real WebDAV server (Apache mod_dav); they find it themselves, this only installs it.
if (!ensureWebdavServer()) process.exit(1);

const reports = mkdtempSync(join(tmpdir(), 'keyfob-test-'));
let passed = 0;
let failed = 0;
let failedOutsideTests = 0;
let notRun = 0;
/** Each test file's wall time, from the JSON reports: where `npm test` spends its minutes. */
const fileTimes = [];

function step(name, cmd, args) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  console.log(`◀ ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

/**
 * Two steps at once (one core each: tsc and eslint are single-threaded), each one's output held back and printed
 * whole when it ends, so their lines do not interleave. True when both passed.
 */
async function sideBySide(...steps) {
  const results = await Promise.all(steps.map(([name, cmd, args]) => new Promise((done) => {
    const started = Date.now();
    const out = [];
    const child = spawn(cmd, args, { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
      process.stdout.write(Buffer.concat(out));
      console.log(`◀ ${name}: ${code === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      done(code === 0);
    });
  })));
  return results.every(Boolean);
}

function countVitest(file, suite) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    for (const result of report.testResults ?? []) {
      if (typeof result.startTime === 'number' && typeof result.endTime === 'number') {
        fileTimes.push({ suite, file: relative(process.cwd(), result.name), seconds: (result.endTime - result.startTime) / 1000 });
      }
    }
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    // A file whose beforeAll (or import) throws fails no test of its own: its tests are reported as skipped, the
    // file as failed.
    failedOutsideTests += (report.testResults ?? [])
      .filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')).length;
    notRun += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  } catch { /* no report: the step's exit code already says it failed */ }
}

function vitest(name, config) {
  const out = join(reports, `${name}.json`);
  const ok = step(name, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  countVitest(out, name);
  return ok;
}

const ok = await sideBySide(['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']])
  && step('build', 'npx', ['vite', 'build', '--logLevel', 'warn'])
  // The Firefox zip exactly as AMO receives it, linted by Mozilla's own linter (explained warnings only).
  && step('package', 'npx', ['tsx', 'scripts/package.ts'])
  && step('web-ext lint', 'npx', ['tsx', 'scripts/lint-firefox.ts'])
  && vitest('unit+server', 'vitest.unit.config.ts')
  && vitest('e2e', 'vitest.e2e.config.ts');

rmSync(reports, { recursive: true, force: true });
// Unit files run in parallel, browser files two at a time: their times overlap, so they add up to more than the wall time.
const slowest = fileTimes.sort((a, b) => b.seconds - a.seconds).slice(0, 15);
if (slowest.length > 0) {
  console.log('\nSlowest test files:');
  for (const { suite, file, seconds } of slowest) console.log(`${seconds.toFixed(1).padStart(7)} s  ${file}  (${suite})`);
}
const extra = [
  failedOutsideTests > 0 && `${failedOutsideTests} file${failedOutsideTests === 1 ? '' : 's'} failed outside any test`,
  notRun > 0 && `${notRun} not run`,
].filter(Boolean);
console.log(`\n${passed} passed, ${failed} failed${extra.length ? ` (${extra.join(', ')})` : ''}`);
process.exit(ok && failed === 0 && failedOutsideTests === 0 && passed > 0 ? 0 : 1);

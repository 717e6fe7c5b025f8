#!/usr/bin/env node
// `npm run test:fast`: the inner loop. Typecheck, lint and the unit and server tests that need no browser and no
// Apache (vitest.fast.config.ts), all at once. Not the gate: `npm test` runs everything.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Both caches live under node_modules/.cache (ignored by git) and are exact: tsc re-checks whatever an edit can
// affect; the lint rules look at one file at a time, so a file's cached result holds while it and the config do not
// change.
const cache = 'node_modules/.cache/keyfob';

/** Runs one command with its output held back, so two steps running at once do not interleave their lines. */
function run(name, cmd, args, { live = false } = {}) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: root, env: process.env, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    const out = [];
    if (!live) {
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => out.push(d));
    }
    child.on('close', (code) => {
      const ok = code === 0;
      if (!ok && out.length > 0) process.stdout.write(Buffer.concat(out));
      console.log(`◀ ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      done(ok);
    });
  });
}

const started = Date.now();
// All three at once: tsc and eslint use one core each and finish at different times (eslint in seconds once cached),
// so starting the tests with them keeps both cores busy to the end instead of leaving one idle while tsc runs.
console.log('▶ typecheck, lint, and the unit and server tests (no browser, no Apache), side by side');
const [typecheck, lint, tests] = await Promise.all([
  run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', `${cache}/tsc.tsbuildinfo`]),
  run('lint', 'npx', ['eslint', '.', '--max-warnings=0', '--cache', '--cache-location', `${cache}/eslint`]),
  run('unit+server (fast)', 'npx', ['vitest', 'run', '--config', 'vitest.fast.config.ts'], { live: true }),
]);
const ok = typecheck && lint && tests;
console.log(`\ntest:fast ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`
  + ' (not run here: the WebDAV backend against Apache, the browser tests, the build and packages: `npm test`)');
process.exit(ok ? 0 : 1);

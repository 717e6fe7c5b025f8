#!/usr/bin/env node
// `npm start`: builds the extension, starts the demo server, and opens Chromium with Keyfob loaded when
// a display is available (otherwise prints where the unpacked extension is). Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const dist = join(root, 'dist');
const port = process.env.PORT ?? '3000';
const url = `http://localhost:${port}`;

console.log('Building the extension…');
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn('npx', ['tsx', 'demo-server/index.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: port, DEMO_LAB: process.env.DEMO_LAB ?? '1' },
});

async function waitForServer() {
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return true;
    } catch { /* not listening yet */ }
    if (server.exitCode !== null) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

let browser = null;
let profile = null;
function stop(code = 0) {
  browser?.kill('SIGTERM');
  server.kill('SIGTERM');
  if (profile) rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.on('exit', (code) => { console.error(`Demo server exited (${code})`); stop(code ?? 1); });

if (!(await waitForServer())) {
  console.error(`The demo server did not answer at ${url}`);
  stop(1);
}

console.log(`\nDemo server:          ${url}   (integration lab: ${url}/lab)`);
console.log(`Unpacked extension:   ${dist}`);

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const chromium = hasDisplay ? ensureChromium() : null;
if (chromium) {
  profile = mkdtempSync(join(tmpdir(), 'keyfob-start-'));
  // Chromium refuses to start as root with its sandbox on; anyone else keeps it (and is spared the banner
  // "You are using an unsupported command-line flag: --no-sandbox").
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  browser = spawn(chromium, [
    ...(asRoot ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
    `--disable-extensions-except=${dist}`, `--load-extension=${dist}`, url,
  ], { stdio: 'ignore' });
  console.log('Chromium is open with Keyfob loaded (fresh profile). Ctrl-C stops the server and the browser.');
} else {
  console.log(hasDisplay
    ? 'No Chromium found: load the unpacked extension above in chrome://extensions (Developer mode → Load unpacked).'
    : 'No display: load the unpacked extension above in Chromium (chrome://extensions → Developer mode → Load unpacked).');
  console.log('Ctrl-C stops the server.');
}

#!/usr/bin/env node
// Finds a Chromium to drive (CHROME_PATH, PUPPETEER_EXECUTABLE_PATH, Debian's package, common names);
// on Debian as root installs the `chromium` package when none is found; elsewhere says what to install.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Debian's /usr/bin/chromium is a shell wrapper; the real binary beside it starts quicker and quieter.
const CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
];

export function findChromium(env = process.env) {
  for (const p of [env.CHROME_PATH, env.PUPPETEER_EXECUTABLE_PATH]) {
    if (p && existsSync(p)) return p;
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

function isDebianRoot() {
  return existsSync('/etc/debian_version') && typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs Debian packages when this is Debian and we are root; returns false otherwise. */
export function aptInstall(packages, log = console.error) {
  if (!isDebianRoot()) return false;
  log(`Installing ${packages.join(', ')} with apt-get (Debian, root)…`);
  const opts = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  execFileSync('apt-get', ['update', '-qq'], opts);
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], opts);
  return true;
}

export function ensureChromium({ install = true, log = console.error } = {}) {
  let found = findChromium();
  if (found) return found;
  if (install && aptInstall(['chromium'], log)) found = findChromium();
  if (!found) {
    log('No Chromium found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome binary.');
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = ensureChromium();
  if (!path) process.exit(1);
  console.log(path);
}

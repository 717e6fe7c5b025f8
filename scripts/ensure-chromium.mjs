#!/usr/bin/env node
// Finds a Chromium to drive (CHROME_PATH, PUPPETEER_EXECUTABLE_PATH, Debian's package, common names);
// on Debian as root installs the `chromium` package when none is found; elsewhere says what to install.
import { existsSync } from 'node:fs';
import { findOrInstall, runAsScript } from './find-or-install.mjs';

// The attack lab (openssl for its certificate) imports it from here.
export { aptInstall } from './find-or-install.mjs';

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

export function ensureChromium({ install = true, log = console.error } = {}) {
  return findOrInstall({
    find: findChromium,
    packages: ['chromium'],
    missing: 'No Chromium found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome binary.',
    install,
    log,
  });
}

runAsScript(import.meta.url, ensureChromium);

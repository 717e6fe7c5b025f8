#!/usr/bin/env node
// Finds a Firefox to drive (FIREFOX_PATH, Debian's firefox-esr, common names); on Debian as root installs
// the `firefox-esr` package when none is found; elsewhere says what to install.
import { existsSync } from 'node:fs';
import { findOrInstall, runAsScript } from './find-or-install.mjs';

// Debian's /usr/bin/firefox-esr is a wrapper script; the real binary beside the libraries is what puppeteer needs.
const CANDIDATES = [
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/lib/firefox/firefox',
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
];

export function findFirefox(env = process.env) {
  if (env.FIREFOX_PATH && existsSync(env.FIREFOX_PATH)) return env.FIREFOX_PATH;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function ensureFirefox({ install = true, log = console.error } = {}) {
  return findOrInstall({
    find: findFirefox,
    packages: ['firefox-esr'],
    missing: 'No Firefox found. Install it (Debian/Ubuntu: `sudo apt-get install firefox-esr`) or set FIREFOX_PATH to a Firefox binary.',
    install,
    log,
  });
}

runAsScript(import.meta.url, ensureFirefox);

// Makes sure the browser tests have a built extension and a Chromium before any file runs.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { ensureFirefox } from '../../scripts/ensure-firefox.mjs';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  const dist = process.env.KEYFOB_DIST ?? join(root, 'dist');
  if (!existsSync(join(dist, 'manifest.json'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist], { cwd: root, stdio: 'inherit' });
  }
  const chromium = ensureChromium();
  if (!chromium) throw new Error('Chromium is needed for the browser tests');
  process.env.CHROME_PATH = chromium;
  process.env.FIREFOX_PATH = ensureFirefox() ?? '';
}

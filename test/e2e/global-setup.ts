// Makes sure the browser tests run against a build of the source as it is now, and have a Chromium, before any file runs.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { ensureFirefox } from '../../scripts/ensure-firefox.mjs';
import { buildFreshness, type BuildFreshness } from '../../scripts/build/build-stamp.ts';

const WHY: Record<Exclude<BuildFreshness, 'current'>, string> = {
  missing: 'no build there yet',
  unstamped: 'that build has no stamp of its inputs, so it may be stale',
  stale: 'the source changed since that build',
};

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  // KEYFOB_DIST: a build folder of your own (others may be reading dist/); it is rebuilt in place when stale.
  const dist = resolve(process.env.KEYFOB_DIST ?? join(root, 'dist'));
  const freshness = buildFreshness(root, dist);
  // `npm test` has just built and stamped dist/, so this finds it current and does not build twice.
  if (freshness !== 'current') {
    console.log(`Building the extension into ${dist} (${WHY[freshness]})`);
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist], { cwd: root, stdio: 'inherit' });
    const after = buildFreshness(root, dist);
    // A source file saved while the build ran: say so rather than silently test a build of neither version.
    if (after !== 'current') console.warn(`Warning: a source file changed while ${dist} was built; the tests run against the build as it is`);
  }
  const chromium = ensureChromium();
  if (!chromium) throw new Error('Chromium is needed for the browser tests');
  process.env.CHROME_PATH = chromium;
  process.env.FIREFOX_PATH = ensureFirefox() ?? '';
}

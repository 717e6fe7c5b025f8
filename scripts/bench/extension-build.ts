// The built extension a browser bench loads: KEYFOB_DIST when it holds a build, otherwise a fresh build of the current
// source in a temp folder. dist/ is never read or written: it may be stale, and measuring it would time old code.
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** `vite build` of the current source into `outDir` (emptied first); `options` choose where its output goes. */
export function buildExtensionInto(outDir: string, options: ExecFileSyncOptions = {}): void {
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, ...options });
}

/**
 * Sets KEYFOB_DIST to a built extension for a bench run on its own (`npm run bench` builds once and sets it before any
 * module runs). Returns the cleanup: removes the temp build, or does nothing when KEYFOB_DIST was already built.
 */
export function ensureBuild(name: string): () => void {
  const dist = process.env.KEYFOB_DIST;
  if (dist && existsSync(join(dist, 'manifest.json'))) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), `kf-bench-${name}-`));
  buildExtensionInto(dir);
  process.env.KEYFOB_DIST = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

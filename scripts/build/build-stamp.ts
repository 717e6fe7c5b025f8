// Stamps a build with what it was built from, so a browser test can tell a current dist/ from a stale one.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The file in the build folder that holds the stamp (a dot-file: the store packages skip it). */
export const STAMP_FILE = '.keyfob-build-stamp';

/**
 * Everything `vite build` reads from this repository: the extension and the shared core, the words and icons, the
 * build's own plugins, and the files that pick the dependencies and compiler settings. node_modules is covered by
 * package-lock.json, which npm rewrites on every install.
 */
export const BUILD_INPUTS: readonly string[] = [
  'extension', 'src', '_locales', 'assets', 'scripts/build',
  'manifest.json', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json',
];

/** Every file under the inputs with its size and modification time, sorted (dot-files, e.g. editor swap files, skipped). */
export function listBuildInputs(root: string, inputs: readonly string[] = BUILD_INPUTS): string[] {
  const lines: string[] = [];
  const visit = (path: string): void => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (!name.startsWith('.') && name !== 'node_modules') visit(join(path, name));
    } else if (stat.isFile()) {
      lines.push(`${relative(root, path)}\t${stat.size}\t${Math.floor(stat.mtimeMs)}`);
    }
  };
  for (const input of inputs) {
    const path = join(root, input);
    if (existsSync(path)) visit(path);
  }
  return lines.sort();
}

/**
 * A hash of the input files' paths, sizes and modification times: any edit, new or deleted file changes it.
 * Reading times rather than contents keeps it at a few milliseconds for the tree's ~600 files.
 */
export function buildInputsStamp(root: string, inputs: readonly string[] = BUILD_INPUTS): string {
  return createHash('sha256').update(listBuildInputs(root, inputs).join('\n')).digest('hex');
}

/** The stamp a build folder was written with, or null (no stamp: built before stamps, or by something else). */
export function readBuildStamp(dist: string): string | null {
  const file = join(dist, STAMP_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

export type BuildFreshness = 'current' | 'missing' | 'unstamped' | 'stale';

/** Whether `dist` holds a build of the inputs as they are now. */
export function buildFreshness(root: string, dist: string): BuildFreshness {
  if (!existsSync(join(dist, 'manifest.json'))) return 'missing';
  const stamp = readBuildStamp(dist);
  if (stamp === null) return 'unstamped';
  return stamp === buildInputsStamp(root) ? 'current' : 'stale';
}

/**
 * Writes the stamp of the inputs as they were when the build started, after everything else is written. A file
 * edited while the build runs therefore leaves the build stale, as it is.
 */
export function buildStamp(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  let stamp = '';
  return {
    name: 'keyfob:build-stamp',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      stamp = buildInputsStamp(root);
    },
    writeBundle() {
      writeFileSync(join(outDir, STAMP_FILE), `${stamp}\n`);
    },
  };
}

// Turns the built background into one classic service-worker script, because Chromium keeps V8's code cache for a
// classic worker and not for a module worker: a module worker re-parses all of its code at every wake.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { afterBuild, bundleOneFile } from './one-file-bundle.ts';
import type { BuiltManifest } from './firefox-manifest.ts';

export const CLASSIC_WORKER_FILE = 'service-worker.js';

/** The manifest's background once the worker is one classic script: no `type`, so Chromium caches its compiled code. */
export function classicBackground(manifest: BuiltManifest, file: string): BuiltManifest {
  const { type: _module, ...rest } = manifest.background ?? {};
  return { ...manifest, background: { ...rest, service_worker: file } };
}

/**
 * After crxjs has written the module worker (a loader importing chunks it may share with the popup), bundles that
 * loader and everything it imports into one IIFE and points the manifest at it. Measured with
 * `scripts/bench/worker-start.ts`: the first message to a stopped worker drops from about 2x a minimal worker to
 * about 1.4x (the trace shows the cache consumed instead of a full parse of every chunk).
 */
export function classicWorker(): Plugin {
  return afterBuild('keyfob:classic-worker', async ({ root, outDir }) => {
    const manifestFile = join(outDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BuiltManifest;
    const loader = manifest.background?.service_worker;
    if (!loader) return;
    await bundleOneFile({ root, outDir, input: join(outDir, loader), fileName: CLASSIC_WORKER_FILE, format: 'iife' });
    // The loader only imported the chunks. Those the popup, offscreen page or content script share stay; the
    // ones only the old module worker used would ship as dead code a store reviewer reads twice.
    rmSync(join(outDir, loader));
    for (const dead of unreferencedChunks(outDir)) rmSync(dead);
    writeFileSync(manifestFile, `${JSON.stringify(classicBackground(manifest, CLASSIC_WORKER_FILE), null, 2)}\n`);
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * JavaScript chunks under assets/ whose file name no other file of the build mentions (an HTML page, the manifest,
 * another chunk, the bundled worker), repeated until none is left: what only the removed worker loader reached.
 */
export function unreferencedChunks(outDir: string): string[] {
  const files = new Map(filesUnder(outDir).map((path) => [path, readFileSync(path).toString('latin1')]));
  const dead: string[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const path of files.keys()) {
      if (!path.startsWith(join(outDir, 'assets')) || !path.endsWith('.js')) continue;
      const name = path.slice(path.lastIndexOf('/') + 1);
      const mentioned = [...files].some(([other, text]) => other !== path && text.includes(name));
      if (!mentioned) { dead.push(path); files.delete(path); changed = true; }
    }
  }
  return dead;
}

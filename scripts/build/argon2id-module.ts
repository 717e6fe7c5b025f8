// Builds Argon2id (hash-wasm) into one ES module at a fixed path, apart from the background worker, which cannot
// split code (one classic IIFE, see classic-worker.ts) and would otherwise carry hash-wasm's inline WebAssembly.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { afterBuild, bundleOneFile } from './one-file-bundle.ts';
import { ARGON2ID_MODULE } from '../../extension/offscreen/argon2id-protocol.ts';

/** Writes `argon2id.js` to the build's root: imported by Firefox's event page, run as a worker by the offscreen page. */
export function argon2idModule(): Plugin {
  // Its exports are its interface (the event page imports argon2idHash), so they must survive.
  return afterBuild('keyfob:argon2id-module', ({ root, outDir }) => bundleOneFile({
    root, outDir, input: resolve(root, 'extension/offscreen/argon2id-module.ts'), fileName: ARGON2ID_MODULE, format: 'es', keepExports: true,
  }));
}

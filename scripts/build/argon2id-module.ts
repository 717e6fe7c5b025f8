// Builds Argon2id (hash-wasm) into one ES module at a fixed path, apart from the background worker, which cannot
// split code (one classic IIFE, see classic-worker.ts) and would otherwise carry hash-wasm's inline WebAssembly.
import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { ARGON2ID_MODULE } from '../../extension/offscreen/argon2id-protocol.ts';

/** Writes `argon2id.js` to the build's root: imported by Firefox's event page, run as a worker by the offscreen page. */
export function argon2idModule(): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  return {
    name: 'keyfob:argon2id-module',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      await build({
        configFile: false, logLevel: 'error', publicDir: false, root,
        build: {
          outDir, emptyOutDir: false, target: 'chrome116', minify: true, sourcemap: false, copyPublicDir: false,
          rollupOptions: {
            input: resolve(root, 'extension/offscreen/argon2id-module.ts'),
            // Its exports are its interface (the event page imports argon2idHash), so they must survive.
            preserveEntrySignatures: 'strict',
            output: { format: 'es', entryFileNames: ARGON2ID_MODULE },
          },
        },
      });
    },
  };
}

// Makes the built manifest load in Firefox too: crxjs keeps only background.service_worker, Firefox needs scripts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

export const GECKO_ID = 'keyfob@keyfob.invalid';

interface BuiltManifest {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  browser_specific_settings?: unknown;
  [key: string]: unknown;
}

/** Chromium ignores `scripts` when a worker is named and Firefox ignores the worker, so one manifest serves both. */
export function addFirefoxKeys(manifest: BuiltManifest): BuiltManifest {
  const worker = manifest.background?.service_worker;
  if (!worker) return manifest;
  return {
    ...manifest,
    background: { ...manifest.background, scripts: [worker] },
    browser_specific_settings: {
      // 140 is the first version that accepts data_collection_permissions, which AMO now asks for.
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    },
  };
}

/** Rewrites dist/manifest.json after every plugin (crxjs included) has written the bundle. */
export function firefoxManifest(): Plugin {
  let outDir = 'dist';
  return {
    name: 'keyfob:firefox-manifest',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const file = join(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as BuiltManifest;
      writeFileSync(file, `${JSON.stringify(addFirefoxKeys(manifest), null, 2)}\n`);
    },
  };
}

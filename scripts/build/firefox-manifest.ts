// Makes the one built manifest load in Firefox too: crxjs writes only background.service_worker, Firefox needs scripts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import sourceManifest from '../../manifest.json' with { type: 'json' };

/** The add-on id Firefox knows Keyfob by (manifest.json's browser_specific_settings, which crxjs copies as it is). */
export const GECKO_ID: string = sourceManifest.browser_specific_settings.gecko.id;

export interface BuiltManifest {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
  [key: string]: unknown;
}

/**
 * Names the worker file as the background script too. Chromium runs the worker and only warns about `scripts`
 * ("'background.scripts' requires manifest version of 2 or lower"); Firefox refuses a worker-only background and
 * runs the same file as an event page.
 */
export function addBackgroundScripts(manifest: BuiltManifest): BuiltManifest {
  const worker = manifest.background?.service_worker;
  if (!worker) return manifest;
  return { ...manifest, background: { ...manifest.background, scripts: [worker] } };
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
      // Without an id Firefox gives a temporary add-on a random one and AMO refuses the upload.
      if (!manifest.browser_specific_settings?.gecko?.id) this.error('manifest.json lost browser_specific_settings.gecko.id');
      writeFileSync(file, `${JSON.stringify(addBackgroundScripts(manifest), null, 2)}\n`);
    },
  };
}

// Fails the build when web pages could load an extension file by a fixed URL (and so detect that Keyfob is installed).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** A `web_accessible_resources` entry: MV3 objects, or MV2's bare paths. */
type WebAccessibleEntry = string | { resources?: string[]; matches?: string[]; extension_ids?: string[]; use_dynamic_url?: boolean };

export interface ManifestWithResources {
  web_accessible_resources?: WebAccessibleEntry[];
  [key: string]: unknown;
}

/**
 * Resources any web page may load at `chrome-extension://<id>/<path>`: listed for some `matches` pattern
 * (every pattern there names web pages) without `use_dynamic_url`. A page that loads one knows the extension is present.
 */
export function fixedUrlWebResources(manifest: ManifestWithResources): string[] {
  return (manifest.web_accessible_resources ?? []).flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    const forPages = (entry.matches ?? []).length > 0;
    return forPages && entry.use_dynamic_url !== true ? entry.resources ?? [] : [];
  });
}

/** Reads the written manifest after every plugin (crxjs included) has emitted it, and refuses fixed-URL resources. */
export function refuseFingerprintableResources(): Plugin {
  let outDir = 'dist';
  return {
    name: 'keyfob:refuse-fingerprintable-resources',
    apply: 'build',
    enforce: 'post',
    configResolved(config) { outDir = resolve(config.root, config.build.outDir); },
    writeBundle() {
      const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as ManifestWithResources;
      const exposed = fixedUrlWebResources(manifest);
      if (exposed.length > 0) {
        throw new Error(`web pages could detect Keyfob by loading these files at fixed URLs: ${exposed.join(', ')} `
          + '(build content scripts as standalone files, or use use_dynamic_url)');
      }
    },
  };
}

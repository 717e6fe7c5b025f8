// Builds the content script's loaded-on-need part (extension/content/detector.ts) into one ES module at a fixed path
// and lists it in the manifest as a web-accessible resource with use_dynamic_url: the content script imports it into
// its isolated world when a page needs it, and a page cannot load it by a fixed URL (web-accessible-guard.ts checks).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { afterBuild, bundleOneFile } from './one-file-bundle.ts';
import { DETECTOR_FILE } from '../../extension/content/detector-file.ts';

interface ManifestWithContentScripts {
  content_scripts?: { matches?: string[] }[];
  web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
  [key: string]: unknown;
}

/** The manifest with the detector listed for the pages the content scripts run on, reachable only by dynamic URL. */
export function withDetectorResource(manifest: ManifestWithContentScripts): ManifestWithContentScripts {
  const matches = [...new Set((manifest.content_scripts ?? []).flatMap((cs) => cs.matches ?? []))];
  const others = (manifest.web_accessible_resources ?? []).filter((r) => !r.resources.includes(DETECTOR_FILE));
  return { ...manifest, web_accessible_resources: [...others, { resources: [DETECTOR_FILE], matches, use_dynamic_url: true }] };
}

export function contentDetector(): Plugin {
  return afterBuild('keyfob:content-detector', async ({ root, outDir }) => {
    // Its exports are its interface (index.ts calls them), so they must survive.
    await bundleOneFile({ root, outDir, input: resolve(root, 'extension/content/detector.ts'), fileName: DETECTOR_FILE, format: 'es', keepExports: true });
    const file = join(outDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as ManifestWithContentScripts;
    writeFileSync(file, `${JSON.stringify(withDetectorResource(manifest), null, 2)}\n`);
  });
}

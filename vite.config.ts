// Builds the extension from manifest.json into dist/ (crxjs bundles the worker, popup and content script).
import { defineConfig } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest from './manifest.json' with { type: 'json' };
import { firefoxManifest } from './scripts/build/firefox-manifest.ts';
import { refuseFingerprintableResources } from './scripts/build/web-accessible-guard.ts';
import { contentDetector } from './scripts/build/content-detector.ts';
import { contentCompileHint } from './scripts/build/compile-hint.ts';
import { classicWorker } from './scripts/build/classic-worker.ts';
import { keyfobIcons } from './scripts/build/icons.ts';
import { argon2idModule } from './scripts/build/argon2id-module.ts';
import { suffixTableAsset } from './scripts/build/suffix-table-asset.ts';
import { popupBoot } from './scripts/build/popup-boot.ts';
import { brandIcons } from './scripts/build/brand-icons.ts';
import { buildStamp } from './scripts/build/build-stamp.ts';

export default defineConfig({
  plugins: [preact(),
    keyfobIcons(), // before crxjs, so the PNGs the manifest names are already in the bundle
    // The content script is one classic file (no crxjs loader); the part most pages never need is a module it loads.
    crx({ manifest: manifest as ManifestV3Export, contentScripts: { standaloneFiles: ['extension/content/index.ts', 'extension/content/world-guard.ts'] } }),
    // Before the guard, which must see the detector's manifest entry (reachable only by dynamic URL).
    contentDetector(),
    // Every function of the content script compiled once, at injection, instead of pre-parsed and parsed again later.
    contentCompileHint(),
    refuseFingerprintableResources(),
    // Before the Firefox step, which names the (then classic) worker file as the background script too.
    classicWorker(),
    // Argon2id at a fixed URL, outside the worker: the offscreen page and Firefox's event page load it on demand.
    argon2idModule(),
    // The Public Suffix List as a package file the worker fetches when it first needs a site, not in the worker itself.
    suffixTableAsset(),
    // The popup's first script, which asks the background for the first screen while the app's modules still load.
    popupBoot(),
    // The bundled brand icons as a module the popup imports lazily: a chunk of its own, never in the first paint.
    brandIcons(),
    // One dist/ for both browsers: the worker is named as Firefox's background script too.
    firefoxManifest(),
    // Last: what the build was made from, so a browser test can refuse to run against a stale dist/.
    buildStamp()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'chrome116', sourcemap: false,
    // Both browsers support <link rel=modulepreload>: Vite's polyfill would only be one more file for the popup to load.
    modulePreload: { polyfill: false },
    // The manifest does not name the offscreen pages nor the welcome tab (the worker opens them by URL), nor the import
    // tab (Settings opens it by URL), so crxjs needs them as inputs.
    rollupOptions: { input: { offscreenClipboard: 'extension/offscreen/clipboard.html', offscreenArgon2id: 'extension/offscreen/argon2id.html',
      importPage: 'extension/import/index.html', welcomePage: 'extension/welcome/index.html' } } },
  server: { host: '127.0.0.1' },
  test: undefined,
});

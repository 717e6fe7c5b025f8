// Builds the popup's boot script (extension/popup/boot.ts) into one classic file at a fixed path, apart from the app's
// bundle: Vite would merge every module script of the page into one entry, and that entry runs only after all of
// its chunks have loaded, which is the wait the boot script exists to overlap.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { afterBuild, bundleOneFile, type BuildPaths } from './one-file-bundle.ts';

/** At the root of the build, so the page names it `/popup-boot.js`. */
export const POPUP_BOOT_FILE = 'popup-boot.js';
const POPUP_PAGE = 'extension/popup/index.html';

export function popupBoot(): Plugin {
  const write = ({ root, outDir }: BuildPaths) => bundleOneFile({
    root, outDir, input: resolve(root, 'extension/popup/boot.ts'), fileName: POPUP_BOOT_FILE, format: 'iife',
  });
  return afterBuild('keyfob:popup-boot', write, {
    // Injected after Vite has bundled the page's module scripts (a classic script in the source would be reported as
    // one it cannot bundle). First in the head, so it is requested first; async, so it runs the moment it arrives.
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => (ctx.path.endsWith(POPUP_PAGE)
        ? [{ tag: 'script', attrs: { src: `/${POPUP_BOOT_FILE}`, async: true }, injectTo: 'head-prepend' }]
        : []),
    },
  });
}

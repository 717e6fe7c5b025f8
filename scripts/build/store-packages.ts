// The three files a release hands to the stores: the Chrome and Firefox zips of one dist/, and the source for AMO review.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { BuiltManifest } from './firefox-manifest.ts';
import { zipReproducibly, type ZipEntry } from './reproducible-zip.ts';

export interface StorePackages { chrome: Uint8Array; firefox: Uint8Array; source: Uint8Array }

/**
 * The one key the Chrome package leaves out: `background.scripts` is Firefox's, Chromium only warns about it, but the
 * Chrome Web Store's review has refused MV3 uploads for it (npmhub/npmhub#186). Everything else is the shared manifest.
 */
export function chromeStoreManifest(manifest: BuiltManifest): BuiltManifest {
  if (!manifest.background?.scripts) return manifest;
  const { scripts: _firefoxOnly, ...background } = manifest.background;
  return { ...manifest, background };
}

/** Every file under `dir` as a zip entry, skipping dot-files (editor and tool leftovers are not part of the extension). */
export function readTree(dir: string): ZipEntry[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.')))
    .map((path) => ({ path, data: readFileSync(join(dir, path)) }));
}

/** The dist/ zips: Firefox gets the folder as built, Chrome the same files with chromeStoreManifest's manifest. */
export function extensionPackages(dist: string): { chrome: Uint8Array; firefox: Uint8Array } {
  const files = readTree(dist);
  const manifestEntry = files.find((f) => f.path === 'manifest.json');
  if (!manifestEntry) throw new Error(`${dist} has no manifest.json: run npm run build`);
  const manifest = JSON.parse(Buffer.from(manifestEntry.data).toString('utf8')) as BuiltManifest;
  const chromeManifest = Buffer.from(`${JSON.stringify(chromeStoreManifest(manifest), null, 2)}\n`);
  return {
    firefox: zipReproducibly(files),
    chrome: zipReproducibly(files.map((f) => (f.path === 'manifest.json' ? { ...f, data: chromeManifest } : f))),
  };
}

function git(root: string, args: string[], input?: string): Buffer {
  const r = spawnSync('git', args, { cwd: root, input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString().trim()}`);
  return r.stdout;
}

/** The files git tracks at `ref`, read from the commit (not the working tree), as `git archive` would. */
export function trackedFiles(root: string, ref: string): ZipEntry[] {
  const listed = git(root, ['ls-tree', '-r', '-z', '--full-tree', ref]).toString('utf8').split('\0').filter(Boolean)
    .map((line) => { const [meta, path] = line.split('\t') as [string, string]; const [mode, type, id] = meta.split(' ') as [string, string, string]; return { mode, type, id, path }; })
    // Blobs only: symlinks (120000) and submodules have no content a reviewer could build from.
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  const out = git(root, ['cat-file', '--batch'], listed.map((e) => `${e.id}\n`).join(''));
  let at = 0;
  return listed.map((e) => {
    const headerEnd = out.indexOf(0x0a, at);
    const size = Number(out.subarray(at, headerEnd).toString('utf8').split(' ')[2]);
    const data = out.subarray(headerEnd + 1, headerEnd + 1 + size);
    at = headerEnd + 1 + size + 1;
    return { path: e.path, data, executable: e.mode === '100755' };
  });
}

/** What an AMO reviewer reads first: how to turn this archive into the Firefox package, byte for byte. */
export function reviewInstructions(version: string, commit: string): string {
  return `# Building Keyfob ${version} from this source

This archive holds every file git tracks at commit ${commit}. The Firefox package
(keyfob-${version}-firefox.zip) is the dist/ folder these steps write, zipped as it is.

Requirements: Node.js 20.19 or newer (tested with 20.20.2) and npm 10 or newer, on Linux or macOS.

    npm ci
    npm run build        # vite build -> dist/ (manifest.json, service-worker.js, extension/, assets/, icons/)
    npm run package      # builds again and writes packages/keyfob-${version}-{chrome,firefox,source}.zip

\`npm ci\` also compiles better-sqlite3 for the demo web server (not part of the add-on); it needs a C++ toolchain.
The add-on's own dependencies are preact, idb, jsqr, zxing-wasm, hash-wasm, @noble/hashes and webextension-polyfill,
bundled by vite 8 (rolldown) with @crxjs/vite-plugin; nothing is downloaded during the build.
See README.md ("Packages for the stores", "Permissions") for what each permission is for.
`;
}

/** The source archive for AMO: the tracked files at `ref` plus REVIEW-BUILD.md. */
export function sourcePackage(root: string, ref: string, version: string): Uint8Array {
  const commit = git(root, ['rev-parse', `${ref}^{commit}`]).toString('utf8').trim();
  const files = trackedFiles(root, commit).filter((f) => f.path !== 'REVIEW-BUILD.md');
  return zipReproducibly([...files, { path: 'REVIEW-BUILD.md', data: Buffer.from(reviewInstructions(version, commit)) }]);
}

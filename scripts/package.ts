// `npm run package`: zips the built dist/ for the Chrome Web Store and AMO, plus the source archive AMO reviews.
// Usage: tsx scripts/package.ts [--dist dist] [--out packages] [--ref HEAD]
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extensionPackages, sourcePackage } from './build/store-packages.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, out: { type: 'string', default: 'packages' }, ref: { type: 'string', default: 'HEAD' } } });
const dist = resolve(root, values.dist);
const out = resolve(root, values.out);

const { version } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { version: string };
const { chrome, firefox } = extensionPackages(dist);
const written = { chrome, firefox, source: sourcePackage(root, values.ref, version) };

mkdirSync(out, { recursive: true });
for (const [kind, bytes] of Object.entries(written)) {
  const file = join(out, `keyfob-${version}-${kind}.zip`);
  writeFileSync(file, bytes);
  console.log(`${createHash('sha256').update(bytes).digest('hex')}  ${file} (${(bytes.length / 1024).toFixed(1)} KiB)`);
}
// The source archive is the commit; the extension zips are the working tree's build. Say so when they may differ.
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root }).stdout.toString().trim();
if (dirty && values.ref === 'HEAD') console.warn('warning: uncommitted changes: the source archive holds HEAD, the extension zips the working tree\'s build');

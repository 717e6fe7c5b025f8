// The store packages: reproducible bytes, the layout the stores read, and what the Chrome and Firefox zips differ in.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { chromeStoreManifest, extensionPackages, sourcePackage } from '../../../scripts/build/store-packages.ts';
import { zipReproducibly } from '../../../scripts/build/reproducible-zip.ts';

const root = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'keyfob-packages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MANIFEST = {
  manifest_version: 3, name: 'Keyfob', version: '9.8.7',
  background: { service_worker: 'service-worker.js', scripts: ['service-worker.js'] },
  browser_specific_settings: { gecko: { id: 'keyfob@keyfob.invalid' } },
};

/** A small dist/ as the build writes it, plus a dot-file a tool might leave behind. */
function fakeDist(): string {
  const dist = mkdtempSync(join(work, 'dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, 'manifest.json'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  writeFileSync(join(dist, 'service-worker.js'), 'self.addEventListener("message", () => {});\n');
  writeFileSync(join(dist, 'assets/popup.js'), 'console.log("popup");\n'.repeat(50));
  writeFileSync(join(dist, '.vite/manifest.json'), '{}');
  return dist;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Walks the local file headers: [name, DOS time, DOS date, extra-field length] per entry, in archive order. */
function localHeaders(zip: Uint8Array): Array<[string, number, number, number]> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: Array<[string, number, number, number]> = [];
  for (let at = 0; view.getUint32(at, true) === 0x04034b50;) {
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = Buffer.from(zip.subarray(at + 30, at + 30 + nameLength)).toString('utf8');
    out.push([name, view.getUint16(at + 10, true), view.getUint16(at + 12, true), extraLength]);
    at += 30 + nameLength + extraLength + view.getUint32(at + 18, true);
  }
  return out;
}

describe('store packages', () => {
  it('writes the same bytes for the same dist/ twice, from two processes in different time zones', () => {
    const dist = fakeDist();
    const run = (zone: string, out: string): string[] => {
      const r = spawnSync('npx', ['tsx', 'scripts/package.ts', '--dist', dist, '--out', out], { cwd: root, env: { ...process.env, TZ: zone } });
      expect(r.status, r.stderr.toString()).toBe(0);
      return ['chrome', 'firefox', 'source'].map((kind) => sha256(readFileSync(join(out, `keyfob-9.8.7-${kind}.zip`))));
    };
    const first = run('UTC', join(work, 'out-utc'));
    expect(run('Pacific/Kiritimati', join(work, 'out-plus14'))).toEqual(first);
    expect(new Set(first).size).toBe(3);
  });

  it('puts the manifest at the zip root, sorts entries, dates them 1980-01-01 00:00, writes no extra fields and leaves dot-files out', () => {
    const { firefox } = extensionPackages(fakeDist());
    const headers = localHeaders(firefox);
    expect(headers.map(([name]) => name)).toEqual(['assets/popup.js', 'manifest.json', 'service-worker.js']);
    for (const [, time, date, extra] of headers) expect([time, date, extra]).toEqual([0, (0 << 9) | (1 << 5) | 1, 0]);
  });

  it('gives Firefox the built manifest as it is and Chrome the same files with only background.scripts removed', () => {
    const dist = fakeDist();
    const chrome = unzipSync(extensionPackages(dist).chrome);
    const firefox = unzipSync(extensionPackages(dist).firefox);
    expect(Buffer.from(firefox['manifest.json']!).toString()).toBe(readFileSync(join(dist, 'manifest.json'), 'utf8'));
    const chromeManifest = JSON.parse(Buffer.from(chrome['manifest.json']!).toString()) as typeof MANIFEST;
    expect(chromeManifest).toEqual({ ...MANIFEST, background: { service_worker: 'service-worker.js' } });
    for (const name of Object.keys(firefox).filter((n) => n !== 'manifest.json')) expect(chrome[name]).toEqual(firefox[name]);
    expect(Object.keys(chrome).sort()).toEqual(Object.keys(firefox).sort());
  });

  it('leaves a manifest with no Firefox background key as it is for Chrome', () => {
    const plain = { background: { service_worker: 'sw.js' } };
    expect(chromeStoreManifest(plain)).toBe(plain);
  });

  it('archives the files git tracks at the commit, with build instructions that name that commit', () => {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root }).toString().trim();
    const files = unzipSync(sourcePackage(root, commit, '9.8.7'));
    const tracked = execFileSync('git', ['ls-tree', '-r', '--name-only', '--full-tree', commit], { cwd: root }).toString().trim().split('\n');
    expect(Object.keys(files).sort()).toEqual([...tracked, 'REVIEW-BUILD.md'].sort());
    expect(Buffer.from(files['package.json']!)).toEqual(execFileSync('git', ['show', `${commit}:package.json`], { cwd: root }));
    const instructions = Buffer.from(files['REVIEW-BUILD.md']!).toString();
    expect(instructions).toContain(commit);
    expect(instructions).toContain('npm ci');
    expect(instructions).toContain('npm run build');
  });

  it('refuses two entries with one name and paths that leave the archive', () => {
    const data = new Uint8Array([1]);
    expect(() => zipReproducibly([{ path: 'a.js', data }, { path: 'a.js', data }])).toThrow(/two zip entries/);
    expect(() => zipReproducibly([{ path: '../a.js', data }])).toThrow(/outside/);
  });
});

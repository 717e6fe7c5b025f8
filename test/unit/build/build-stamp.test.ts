// The build stamp: which edits make a build stale, and how a build folder is judged against the source.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFreshness, buildInputsStamp, listBuildInputs, STAMP_FILE } from '../../../scripts/build/build-stamp.ts';

const INPUTS = ['extension', 'manifest.json'];

/** A tiny source tree with one input folder, one input file and one file the build does not read. */
function withTree(run: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'kf-stamp-'));
  try {
    mkdirSync(join(root, 'extension', 'popup'), { recursive: true });
    writeFileSync(join(root, 'extension', 'popup', 'app.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'manifest.json'), '{}\n');
    writeFileSync(join(root, 'README.md'), 'not an input\n');
    run(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Sets a file's modification time to a fixed second, so two writes within one clock tick still differ. */
function touch(path: string, seconds: number): void {
  utimesSync(path, seconds, seconds);
}

describe('buildInputsStamp', () => {
  it('lists every input file under the input folders, sorted, and nothing outside them', () => {
    withTree((root) => {
      writeFileSync(join(root, 'extension', '.app.ts.swp'), 'editor leftover');
      const files = listBuildInputs(root, INPUTS).map((line) => line.split('\t')[0]);
      expect(files).toEqual(['extension/popup/app.ts', 'manifest.json']);
    });
  });

  it('stays the same while nothing the build reads changes, whatever happens to other files', () => {
    withTree((root) => {
      const before = buildInputsStamp(root, INPUTS);
      writeFileSync(join(root, 'README.md'), 'edited, but the build never reads it\n');
      expect(buildInputsStamp(root, INPUTS)).toBe(before);
    });
  });

  it('changes when a source file is saved again, added or deleted', () => {
    withTree((root) => {
      const app = join(root, 'extension', 'popup', 'app.ts');
      touch(app, 1_000_000);
      const first = buildInputsStamp(root, INPUTS);
      touch(app, 1_000_001);
      const saved = buildInputsStamp(root, INPUTS);
      expect(saved).not.toBe(first);
      writeFileSync(join(root, 'extension', 'popup', 'new.ts'), '');
      const added = buildInputsStamp(root, INPUTS);
      expect(added).not.toBe(saved);
      unlinkSync(join(root, 'extension', 'popup', 'new.ts'));
      expect(buildInputsStamp(root, INPUTS)).toBe(saved);
    });
  });
});

describe('buildFreshness', () => {
  it('tells a missing build, an unstamped one, a stale one and a current one apart', () => {
    withTree((root) => {
      const dist = join(root, 'dist');
      expect(buildFreshness(root, dist)).toBe('missing');
      mkdirSync(dist);
      writeFileSync(join(dist, 'manifest.json'), '{}');
      expect(buildFreshness(root, dist)).toBe('unstamped');
      // The real inputs list: this tree has only some of them, which is enough to stamp it.
      writeFileSync(join(dist, STAMP_FILE), `${buildInputsStamp(root)}\n`);
      expect(buildFreshness(root, dist)).toBe('current');
      touch(join(root, 'manifest.json'), 2_000_000);
      expect(buildFreshness(root, dist)).toBe('stale');
    });
  });
});

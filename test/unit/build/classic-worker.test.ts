// The built manifest's background once the worker is one classic script, and the chunks only the old loader used.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classicBackground, unreferencedChunks } from '../../../scripts/build/classic-worker.ts';

describe('classicBackground', () => {
  it('names the bundled file and drops type "module", so Chromium runs a classic worker and caches its code', () => {
    const out = classicBackground({ name: 'Keyfob', background: { service_worker: 'service-worker-loader.js', type: 'module' } }, 'service-worker.js');
    expect(out).toEqual({ name: 'Keyfob', background: { service_worker: 'service-worker.js' } });
  });
});

describe('unreferencedChunks', () => {
  it('finds the chunks only the removed worker loader reached, transitively, and keeps what a page or another kept file names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kf-chunks-'));
    try {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'manifest.json'), '{"background":{"service_worker":"service-worker.js"}}');
      writeFileSync(join(dir, 'service-worker.js'), '(()=>{ /* self-contained */ })()');
      writeFileSync(join(dir, 'popup.html'), '<script type="module" src="/assets/popup-1.js"></script>');
      writeFileSync(join(dir, 'assets', 'popup-1.js'), 'import "./shared-2.js"; fetch(new URL("reader-3.wasm", import.meta.url))');
      writeFileSync(join(dir, 'assets', 'shared-2.js'), 'export const x = 1');
      writeFileSync(join(dir, 'assets', 'reader-3.wasm'), 'wasm');
      writeFileSync(join(dir, 'assets', 'old-worker-4.js'), 'import "./worker-only-5.js"; import "./shared-2.js"');
      writeFileSync(join(dir, 'assets', 'worker-only-5.js'), 'export const y = 2');
      const dead = unreferencedChunks(dir).map((p) => p.slice(dir.length + 1)).sort();
      expect(dead).toEqual(['assets/old-worker-4.js', 'assets/worker-only-5.js']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

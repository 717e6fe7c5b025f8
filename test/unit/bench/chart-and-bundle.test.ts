// The bench chart (one bar per figure with a baseline) and the walk over built files that sizes each bundle.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderChart } from '../../../scripts/bench/chart.ts';
import { collectLoadSet } from '../../../scripts/bench/bundle-size.ts';
import type { BenchRow } from '../../../scripts/bench/types.ts';

describe('renderChart', () => {
  const rows: BenchRow[] = [
    { name: 'decodeQr 1280×800@1x', value: 15, unit: 'ms/image', baseline: 45, baselineName: 'zbarimg' },
    { name: 'generateCode <1000>', value: 50_000, unit: 'codes/s', baseline: 250_000 },
    { name: 'bundle popup gzip', value: 6.4, unit: 'KiB' },
  ];

  it('draws one bar per figure that has a baseline, coloured by which side of it the product is', () => {
    const svg = renderChart(rows);
    expect(svg.match(/<rect class="bar /g)).toHaveLength(2);
    expect(svg).toContain('class="bar better"');
    expect(svg).toContain('class="bar worse"');
    expect(svg).not.toContain('bundle popup gzip');
  });

  it('escapes names and switches text colour for dark backgrounds', () => {
    const svg = renderChart(rows);
    expect(svg).toContain('generateCode &lt;1000&gt;');
    expect(svg).toContain('prefers-color-scheme: dark');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('shortens a long name on the bar, keeping its distinguishing end, and keeps it whole in the tooltip', () => {
    const long = 'content script: page script time, 5000-element page, no OTP field, 2 s of DOM mutations';
    const svg = renderChart([{ name: long, value: 2, unit: 'ms', baseline: 1 }]);
    expect(svg).toContain(`<title>${long}: 2.00× slower</title>`);
    expect(svg).toContain('content script: page…2 s of DOM mutations</text>');
  });

  it('says so when no figure has a baseline', () => {
    expect(renderChart([])).toContain('No figure with a baseline');
  });
});

describe('collectLoadSet', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(files: Record<string, string>): void {
    dir = mkdtempSync(join(tmpdir(), 'kf-bench-test-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  }

  it('counts a content script\'s loader and the chunk it always imports, with that chunk\'s own imports', () => {
    write({
      'assets/loader.js': '(async()=>{await import(chrome.runtime.getURL("assets/main.js"))})()',
      'assets/main.js': 'import{a as b}from"./shared.js";b()',
      'assets/shared.js': 'export const a=()=>1',
      'assets/unrelated.js': 'x',
    });
    expect(collectLoadSet(dir, ['assets/loader.js'], true)).toEqual({
      initial: ['assets/loader.js', 'assets/main.js', 'assets/shared.js'], lazy: [],
    });
  });

  it('keeps a page\'s on-demand chunks apart from what it loads at once', () => {
    write({
      'popup/index.html': '<script type="module" src="/assets/popup.js"></script><link rel="modulepreload" href="/assets/shared.js">',
      'assets/popup.js': 'import"./shared.js";const s=()=>import(`./scan.js`)',
      'assets/shared.js': '',
      'assets/scan.js': 'fetch(new URL("/assets/reader.wasm",location.href))',
      'assets/reader.wasm': '\0asm',
    });
    expect(collectLoadSet(dir, ['popup/index.html'])).toEqual({
      initial: ['assets/popup.js', 'assets/shared.js', 'popup/index.html'],
      lazy: ['assets/reader.wasm', 'assets/scan.js'],
    });
  });

  it('counts a data file the worker fetches by name as loaded on demand, and ignores names that are not files of the build', () => {
    write({
      'service-worker.js': 'var t=`public-suffixes.json`,m="manifest.json";async function f(){return fetch(chrome.runtime.getURL(t))}',
      'public-suffixes.json': '{"rules":"","exceptions":""}',
    });
    expect(collectLoadSet(dir, ['service-worker.js'])).toEqual({ initial: ['service-worker.js'], lazy: ['public-suffixes.json'] });
  });
});

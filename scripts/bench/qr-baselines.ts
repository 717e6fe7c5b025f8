// Bench: decodeQr against zbarimg (Debian zbar-tools) and jsQR on the same whole-tab screenshots: ms per image, share decoded.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { aptInstall } from '../find-or-install.mjs';
import { configureQrDecoderForNode } from '../cli/node-qr-decoder.ts';
import { decodeQr } from '../../src/shared/index.ts';
import { ensureScreenshots, readRgba, type Screenshot } from './screenshots.ts';
import { medianMs, type BenchOptions, type BenchRow } from './types.ts';
import { runIfMain } from './standalone.ts';

const run = promisify(execFile);

type Rgba = ReturnType<typeof readRgba>;
interface Decoder {
  name: string;
  decode(shot: Screenshot, rgba: Rgba): Promise<string[]>;
}

// The fairest zbarimg: QR only (no 1D scanning), inverted codes tried too, no D-Bus round trip.
const ZBAR_ARGS = ['-q', '--raw', '--nodbus', '-Sdisable', '-Sqrcode.enable', '-Stest-inverted'];

function hasZbarimg(): boolean {
  return spawnSync('zbarimg', ['--version'], { stdio: 'ignore' }).status === 0;
}

function ensureZbarimg(log: (msg: string) => void): boolean {
  if (hasZbarimg()) return true;
  try {
    aptInstall(['zbar-tools'], log);
  } catch (e) {
    log(`Could not install zbar-tools: ${e instanceof Error ? e.message : String(e)}`);
  }
  return hasZbarimg();
}

const zbarimg: Decoder = {
  name: 'zbarimg',
  async decode(shot) {
    try {
      const { stdout } = await run('zbarimg', [...ZBAR_ARGS, shot.file]);
      return stdout.split('\n').filter((l) => l.length > 0);
    } catch {
      return []; // zbarimg exits 4 when it finds nothing
    }
  },
};

const jsqr: Decoder = {
  name: 'jsQR',
  async decode(_shot, rgba) {
    // attemptBoth: jsQR's own way to find light-on-dark codes, which it skips by default.
    const found = jsQR(rgba.data, rgba.width, rgba.height, { inversionAttempts: 'attemptBoth' });
    return found ? [found.data] : [];
  },
};

interface Result {
  shot: Screenshot;
  ms: number;
  ok: boolean;
}

/**
 * Times every decoder on one screenshot before moving to the next, so a burst of load from elsewhere on
 * the machine hits product and baselines alike and the ratios hold.
 */
async function measureInterleaved(decoders: Decoder[], shots: Screenshot[], images: Map<string, Rgba>, runs: { warmup: number; runs: number }): Promise<Map<string, Result[]>> {
  const results = new Map<string, Result[]>(decoders.map((d) => [d.name, []]));
  for (const shot of shots) {
    const rgba = images.get(shot.file) as Rgba;
    for (const decoder of decoders) {
      const found = await decoder.decode(shot, rgba);
      const { median: ms } = await medianMs(() => decoder.decode(shot, rgba), runs);
      results.get(decoder.name)?.push({ shot, ms, ok: found.includes(shot.expected) });
    }
  }
  return results;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const share = (rs: Result[]): number => (100 * rs.filter((r) => r.ok).length) / rs.length;

/** decodeQr's rows against one baseline decoder: ms per image for each viewport, then the share decoded. */
function rowsAgainst(ours: Result[], baseline: Result[], baselineName: string, extraNote: (viewport: string) => string): BenchRow[] {
  const viewports = [...new Set(ours.map((r) => r.shot.viewport))];
  const decoded = (rs: Result[]): string => `${rs.filter((r) => r.ok).length}/${rs.length}`;
  const rows: BenchRow[] = viewports.map((viewport) => {
    const mine = ours.filter((r) => r.shot.viewport === viewport);
    const theirs = baseline.filter((r) => r.shot.viewport === viewport);
    return {
      name: `decodeQr ${viewport} vs ${baselineName}`,
      value: mean(mine.map((r) => r.ms)),
      unit: 'ms/image',
      baseline: mean(theirs.map((r) => r.ms)),
      baselineName,
      note: `mean over ${mine.length} screenshots (QR small/large × light/dark); decoded ${decoded(mine)} vs ${decoded(theirs)}${extraNote(viewport)}`,
    };
  });
  const missed = (rs: Result[]): string => rs.filter((r) => !r.ok).map((r) => r.shot.name).join('; ') || 'none';
  rows.push({
    name: `decodeQr share decoded vs ${baselineName}`,
    value: share(ours),
    unit: '%',
    baseline: share(baseline),
    baselineName,
    note: `${ours.length} screenshots; decodeQr missed: ${missed(ours)}; ${baselineName} missed: ${missed(baseline)}`,
  });
  return rows;
}

export async function benchQrBaselines(opts: BenchOptions): Promise<BenchRow[]> {
  const shots = await ensureScreenshots();
  const images = new Map(shots.map((s) => [s.file, readRgba(s.file)]));
  const runs = opts.quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 };
  configureQrDecoderForNode();
  const product: Decoder = { name: 'decodeQr', decode: (_shot, rgba) => decodeQr(rgba) };
  // zbarimg's time includes starting a process and reading the PNG; measure those too, so the comparison stays honest.
  const pngDecode: Decoder = { name: 'PNG decode', decode: async (shot) => { readRgba(shot.file); return []; } };
  const withZbar = ensureZbarimg((msg) => console.error(msg));
  const decoders = [product, jsqr, ...(withZbar ? [zbarimg, pngDecode] : [])];
  const results = await measureInterleaved(decoders, shots, images, runs);
  const ours = results.get(product.name) ?? [];
  const rows: BenchRow[] = [];

  if (withZbar) {
    const png = results.get(pngDecode.name) ?? [];
    const spawn = await medianMs(() => run('zbarimg', ['--version']), runs);
    const pngNote = (viewport: string): string => {
      const mine = png.filter((r) => r.shot.viewport === viewport).map((r) => r.ms);
      return `; zbarimg is a whole process (${ZBAR_ARGS.slice(2).join(' ')}): start ${spawn.median.toFixed(1)} ms, reading the PNG in-process ${mean(mine).toFixed(1)} ms`;
    };
    rows.push(...rowsAgainst(ours, results.get(zbarimg.name) ?? [], 'zbarimg', pngNote));
  } else {
    rows.push({ name: 'decodeQr vs zbarimg', value: Number.NaN, unit: 'ms/image', note: 'skipped: zbarimg missing and not installable here (Debian: apt-get install zbar-tools)' });
  }
  rows.push(...rowsAgainst(ours, results.get(jsqr.name) ?? [], 'jsQR', () => '; jsQR with inversionAttempts attemptBoth, RGBA in like decodeQr'));
  return rows;
}

runIfMain(import.meta.url, benchQrBaselines);

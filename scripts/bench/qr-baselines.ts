// Bench: decodeQr against zbarimg (Debian zbar-tools) and jsQR on the same whole-tab screenshots: ms per image, share decoded.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { aptInstall } from '../ensure-chromium.mjs';
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

async function measure(decoder: Decoder, shots: Screenshot[], images: Map<string, Rgba>, runs: { warmup: number; runs: number }): Promise<Result[]> {
  const results: Result[] = [];
  for (const shot of shots) {
    const rgba = images.get(shot.file) as Rgba;
    const found = await decoder.decode(shot, rgba);
    const { median: ms } = await medianMs(() => decoder.decode(shot, rgba), runs);
    results.push({ shot, ms, ok: found.includes(shot.expected) });
  }
  return results;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const share = (rs: Result[]): number => (100 * rs.filter((r) => r.ok).length) / rs.length;

function rowsFor(product: Decoder, ours: Result[], baseline: Result[] | null): BenchRow[] {
  const viewports = [...new Set(ours.map((r) => r.shot.viewport))];
  const rows: BenchRow[] = viewports.map((viewport) => {
    const mine = ours.filter((r) => r.shot.viewport === viewport);
    const theirs = baseline?.filter((r) => r.shot.viewport === viewport);
    return {
      name: `${product.name} ${viewport}`,
      value: mean(mine.map((r) => r.ms)),
      unit: 'ms/image',
      ...(theirs ? { baseline: mean(theirs.map((r) => r.ms)), baselineName: 'zbarimg' } : {}),
      note: `mean of ${mine.length} images (QR small/large × light/dark), decoded ${mine.filter((r) => r.ok).length}/${mine.length}`,
    };
  });
  const missed = ours.filter((r) => !r.ok).map((r) => r.shot.name);
  rows.push({
    name: `${product.name} share decoded`,
    value: share(ours),
    unit: '%',
    ...(baseline ? { baseline: share(baseline), baselineName: 'zbarimg' } : {}),
    note: missed.length === 0 ? `all ${ours.length} screenshots` : `missed: ${missed.join('; ')}`,
  });
  return rows;
}

export async function benchQrBaselines(opts: BenchOptions): Promise<BenchRow[]> {
  const shots = await ensureScreenshots();
  const images = new Map(shots.map((s) => [s.file, readRgba(s.file)]));
  const runs = opts.quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 };
  const withZbar = ensureZbarimg((msg) => console.error(msg));
  const baseline = withZbar ? await measure(zbarimg, shots, images, runs) : null;

  configureQrDecoderForNode();
  const product: Decoder = { name: 'decodeQr', decode: (_shot, rgba) => decodeQr(rgba) };
  const rows = rowsFor(product, await measure(product, shots, images, runs), baseline);
  // zbarimg's time includes reading the PNG; say what that costs in-process, so the comparison stays honest.
  const pngDecode: Decoder = { name: 'PNG decode', decode: async (shot) => { readRgba(shot.file); return []; } };
  const png = await measure(pngDecode, shots, images, runs);
  for (const row of rows) {
    const viewport = row.name.replace('decodeQr ', '');
    const mine = png.filter((r) => r.shot.viewport === viewport);
    if (mine.length > 0) row.note = `${row.note}; reading the PNG (pngjs) would add ${mean(mine.map((r) => r.ms)).toFixed(1)} ms`;
  }
  rows.push(...rowsFor(jsqr, await measure(jsqr, shots, images, runs), baseline));
  if (baseline) {
    const spawn = await medianMs(() => run('zbarimg', ['--version']), runs);
    rows.push({
      name: 'zbarimg share decoded', value: share(baseline), unit: '%',
      note: `zbarimg ${ZBAR_ARGS.slice(2).join(' ')}; times are whole processes (PNG read included), of which ${spawn.median.toFixed(1)} ms is starting the process; decodeQr and jsQR get RGBA`,
    });
  } else {
    rows.push({ name: 'zbarimg', value: Number.NaN, unit: 'ms/image', note: 'skipped: zbarimg missing and not installable here (Debian: apt-get install zbar-tools)' });
  }
  return rows;
}

runIfMain(import.meta.url, benchQrBaselines);

// Bench: decodeQr on synthetic whole-page screenshots, 1280×800 at device scale 1 and 2, against jsQR on the same pixels.
// Standalone: `npx tsx scripts/bench/qr-decode.ts [--quick]`.
import jsQR from 'jsqr';
import { configureQrDecoderForNode } from '../cli/node-qr-decoder.ts';
import { decodeQr } from '../../src/shared/index.ts';
import { drawScreenshot, placedSize, type PlacedQr } from '../../test/fixtures/qr/screenshot.ts';
import { runIfMain } from './standalone.ts';
import { medianMs, runsFor, type BenchOptions, type BenchRow } from './types.ts';

const URI = 'otpauth://totp/ACME%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME%20Co';
const OTHER = 'otpauth://totp/Other:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Other';

interface Scene {
  name: string;
  scale: 1 | 2;
  dark: boolean;
  codes: PlacedQr[];
}

function scenes(): Scene[] {
  const size = placedSize({ text: URI, x: 0, y: 0 });
  // Bottom right: the last place a top-down scan reaches.
  const corner: PlacedQr = { text: URI, x: 1280 - size - 40, y: 800 - size - 40 };
  const two: PlacedQr[] = [{ text: URI, x: 120, y: 140 }, { text: OTHER, x: 820, y: 380 }];
  return [
    { name: '1280×800@1x light', scale: 1, dark: false, codes: [corner] },
    { name: '1280×800@1x dark', scale: 1, dark: true, codes: [corner] },
    { name: '2560×1600 (1280×800@2x) light', scale: 2, dark: false, codes: [corner] },
    { name: '2560×1600 (1280×800@2x) dark', scale: 2, dark: true, codes: [corner] },
    { name: '1280×800@1x two codes', scale: 1, dark: false, codes: two },
    { name: '1280×800@1x no code', scale: 1, dark: false, codes: [] },
  ];
}

export async function benchQrDecode(opts: BenchOptions): Promise<BenchRow[]> {
  configureQrDecoderForNode();
  const runs = runsFor(opts);
  const rows: BenchRow[] = [];
  for (const scene of scenes()) {
    const image = drawScreenshot({ width: 1280, height: 800, scale: scene.scale, dark: scene.dark, codes: scene.codes });
    const found = await decodeQr(image);
    const zxing = await medianMs(() => decodeQr(image), runs);
    const js = await medianMs(() => jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' }), runs);
    const jsFound = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
    rows.push({
      name: `decodeQr ${scene.name}`,
      value: round(zxing.median),
      unit: 'ms',
      baseline: round(js.median),
      baselineName: 'jsQR (attemptBoth)',
      note: `decodeQr found ${found.length}/${scene.codes.length}, jsQR ${jsFound ? 1 : 0}/${scene.codes.length}`,
    });
  }
  return rows;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

runIfMain(import.meta.url, benchQrDecode);

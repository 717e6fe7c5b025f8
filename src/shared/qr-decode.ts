// Finds every QR code in an RGBA image (a whole screenshot or a crop) with zxing-wasm, loaded lazily.
import type { ReadResult, ReaderOptions } from 'zxing-wasm/reader';
import { CodedError } from './coded-error.ts';

export type QrErrorCode = 'bad-image' | 'image-too-large' | 'decoder-not-configured' | 'decoder-failed';

export class QrError extends CodedError<QrErrorCode> {
  override name = 'QrError';
}

export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** How the decoder gets its .wasm: bytes (Node reads them from node_modules) or a URL (extension pages, via Vite `?url`). */
export interface QrDecoderConfig {
  wasmBinary?: ArrayBuffer;
  wasmUrl?: string;
}

/** A 4K screen at device scale 2 is 7680×4320; beyond this the work is not worth doing. */
export const MAX_QR_IMAGE_PIXELS = 40_000_000;

const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryInvert: true, // light-on-dark pages (dark themes)
  tryDownscale: true, // device-scale-2 captures: modules of 8+ pixels decode faster at a lower scale
  tryRotate: false, // screens show QR codes upright; rotation only costs time
  maxNumberOfSymbols: 32,
};

let config: QrDecoderConfig | null = null;
let configured: Promise<void> | null = null;

/**
 * Tells the decoder where its WebAssembly lives. Must be called before decodeQr: zxing-wasm's own
 * default fetches from a CDN, which an extension must never do.
 */
export function configureQrDecoder(next: QrDecoderConfig): void {
  if (!next.wasmBinary && !next.wasmUrl) throw new QrError('decoder-not-configured', 'Give the QR decoder either wasmBinary or wasmUrl.');
  config = { ...next };
  configured = null;
}

/**
 * Every distinct QR payload in the image, top to bottom then left to right; [] when there is none.
 * Throws QrError for an image whose size does not match its data, or when the decoder cannot load.
 */
export async function decodeQr(image: RgbaImage): Promise<string[]> {
  checkImage(image);
  const zxing = await loadReader();
  let results: ReadResult[];
  try {
    results = await zxing.readBarcodes(image as unknown as ImageData, READER_OPTIONS);
  } catch (e) {
    throw new QrError('decoder-failed', `The QR decoder failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const found = results
    .filter((r) => r.isValid && r.text !== '')
    .sort((a, b) => a.position.topLeft.y - b.position.topLeft.y || a.position.topLeft.x - b.position.topLeft.x)
    .map((r) => r.text);
  return [...new Set(found)];
}

function checkImage(image: RgbaImage): void {
  if (typeof image !== 'object' || image === null || !(image.data instanceof Uint8ClampedArray)) {
    throw new QrError('bad-image', 'Expected RGBA pixels as { data: Uint8ClampedArray, width, height }.');
  }
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new QrError('bad-image', `An image of ${String(width)}×${String(height)} pixels cannot be read.`);
  }
  if (width * height > MAX_QR_IMAGE_PIXELS) {
    throw new QrError('image-too-large', `The image has ${width * height} pixels; at most ${MAX_QR_IMAGE_PIXELS} are read.`);
  }
  if (data.length !== width * height * 4) {
    throw new QrError('bad-image', `A ${width}×${height} RGBA image needs ${width * height * 4} bytes, not ${data.length}.`);
  }
}

type ZxingReader = typeof import('zxing-wasm/reader');

async function loadReader(): Promise<ZxingReader> {
  const current = config;
  if (!current) throw new QrError('decoder-not-configured', 'The QR decoder has no WebAssembly; call configureQrDecoder first.');
  let zxing: ZxingReader;
  try {
    zxing = await import('zxing-wasm/reader');
  } catch (e) {
    throw new QrError('decoder-failed', `The QR decoder could not load: ${e instanceof Error ? e.message : String(e)}`);
  }
  configured ??= (async () => {
    const url = current.wasmUrl;
    // locateFile is always replaced so that no code path can fall back to the CDN default.
    const overrides = current.wasmBinary
      ? { wasmBinary: current.wasmBinary, locateFile: (file: string) => file }
      : { locateFile: () => url ?? '' };
    await zxing.prepareZXingModule({ overrides, fireImmediately: true });
  })().catch((e: unknown) => {
    configured = null;
    throw new QrError('decoder-failed', `The QR decoder could not start: ${e instanceof Error ? e.message : String(e)}`);
  });
  await configured;
  return zxing;
}

// Decodes QR codes in the popup with the bundled zxing-wasm binary (never a CDN).
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { configureQrDecoder, decodeQr } from '../../../src/shared/qr-decode.ts';
import type { Pixels } from './image-data.ts';

let configured = false;

export async function decodeQrPixels(pixels: Pixels): Promise<string[]> {
  if (!configured) {
    configureQrDecoder({ wasmUrl });
    configured = true;
  }
  return decodeQr(pixels);
}

// Hands the QR decoder its WebAssembly from node_modules when running under Node (CLI, tests, benchmarks).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { configureQrDecoder } from '../../src/shared/index.ts';

let done = false;

export function configureQrDecoderForNode(): void {
  if (done) return;
  const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const bytes = readFileSync(path);
  configureQrDecoder({ wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  done = true;
}

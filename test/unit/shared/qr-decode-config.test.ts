// The QR decoder never falls back to zxing-wasm's CDN default: unconfigured or misconfigured, it fails typed.
import { describe, expect, it } from 'vitest';
import { configureQrDecoder, decodeQr, QrError } from '../../../src/shared/index.ts';

const image = { data: new Uint8ClampedArray(4 * 4 * 4), width: 4, height: 4 };

describe('configuring the QR decoder', () => {
  it('refuses to decode before it is told where its WebAssembly is', async () => {
    await expect(decodeQr(image)).rejects.toSatisfy((e) => e instanceof QrError && e.code === 'decoder-not-configured');
  });

  it('refuses a configuration with neither bytes nor a URL', () => {
    expect(() => configureQrDecoder({})).toThrow(QrError);
  });

  it('reports a WebAssembly file that does not load as decoder-failed', async () => {
    configureQrDecoder({ wasmBinary: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]).buffer });
    await expect(decodeQr(image)).rejects.toSatisfy((e) => e instanceof QrError && e.code === 'decoder-failed');
  });
});

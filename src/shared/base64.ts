// Standard base64 for binary fields in JSON-safe envelopes; strict on decode so corrupt data is caught early.
import { CodedError } from './coded-error.ts';

export class Base64Error extends CodedError<'invalid-base64'> {
  override name = 'Base64Error';
  constructor(message: string) {
    super('invalid-base64', message);
  }
}

const CHUNK = 0x8000;

/**
 * The engine's own base64 (TC39 Uint8Array.fromBase64/toBase64: Chromium 140+, Firefox 133+, Node 25+) where present: a
 * freshly woken worker decodes the sealed account index (hundreds of KB) before the popup's first screen, and the byte
 * loop below, still unoptimised in a new worker, cost several milliseconds of that (issue 13, cold popup).
 */
const native = Uint8Array as unknown as {
  fromBase64?: (text: string) => Uint8Array<ArrayBuffer>;
  prototype: { toBase64?: () => string };
};

export function bytesToBase64(bytes: Uint8Array): string {
  if (typeof native.prototype.toBase64 === 'function') return native.prototype.toBase64.call(bytes);
  let binary = '';
  // Chunks keep String.fromCharCode under the engine's argument limit for large vaults.
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new Base64Error('Not canonical base64.');
  }
  // Checked canonical above, so the native decoder's tolerance (whitespace, loose last chunk) never comes into play.
  if (native.fromBase64) return native.fromBase64(text);
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

// libsodium's crypto_secretstream_xchacha20poly1305 (pull side, one message), built on @noble/ciphers' ChaCha20 and Poly1305.
import { chacha20, hchacha } from '@noble/ciphers/chacha.js';
import { poly1305 } from '@noble/ciphers/_poly1305.js';
import { concatBytes, equalBytes, type Bytes } from './file-crypto.ts';

export const SECRETSTREAM_HEADER_BYTES = 24;
/** One tag byte before the message and a 16-byte MAC after it. */
export const SECRETSTREAM_ABYTES = 17;
export const SECRETSTREAM_TAG_FINAL = 3;

// "expand 32-byte k"
const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);

function words(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(4 * i, true);
  return out;
}

function wordBytes(w: Uint32Array): Bytes {
  const out = new Uint8Array(w.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < w.length; i++) view.setUint32(4 * i, w[i] as number, true);
  return out;
}

function le64(n: number): Bytes {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

/** The state init_pull makes from the key and the 24-byte header: a subkey, and a nonce whose counter word starts at 1. */
function initState(key: Uint8Array, header: Uint8Array): { k: Bytes; nonce: Bytes } {
  const sub = new Uint32Array(8);
  hchacha(SIGMA, words(key), words(header.subarray(0, 16)), sub);
  const nonce = new Uint8Array(12);
  nonce[0] = 1;
  nonce.set(header.subarray(16, 24), 4);
  return { k: wordBytes(sub), nonce };
}

/**
 * Opens the first message of a stream: returns its plaintext and tag, or null when the MAC does not match (wrong key
 * or altered data). Ente's encrypted export is exactly one message, tagged FINAL.
 */
export function secretstreamPull(key: Uint8Array, header: Uint8Array, sealed: Uint8Array, ad: Uint8Array = new Uint8Array(0)): { message: Bytes; tag: number } | null {
  if (key.length !== 32 || header.length !== SECRETSTREAM_HEADER_BYTES || sealed.length < SECRETSTREAM_ABYTES) return null;
  const { k, nonce } = initState(key, header);
  const mlen = sealed.length - SECRETSTREAM_ABYTES;
  const polyKey = chacha20(k, nonce, new Uint8Array(64), undefined, 0).subarray(0, 32);
  const block = new Uint8Array(64);
  block[0] = sealed[0] as number;
  const clear = chacha20(k, nonce, block, undefined, 1);
  const tag = clear[0] as number;
  clear[0] = sealed[0] as number;
  const cipher = sealed.subarray(1, 1 + mlen);
  // libsodium pads the message with (16 - 64 + mlen) & 15 zero bytes, i.e. mlen mod 16 (not up to a multiple of 16):
  // a quirk of its C expression that every compatible implementation must repeat.
  const macInput = concatBytes(ad, new Uint8Array((16 - (ad.length % 16)) % 16), clear, cipher, new Uint8Array(mlen % 16),
    le64(ad.length), le64(64 + mlen));
  const mac = poly1305(macInput, polyKey);
  if (!equalBytes(mac, sealed.subarray(1 + mlen))) return null;
  return { message: chacha20(k, nonce, cipher, undefined, 2) as Bytes, tag };
}

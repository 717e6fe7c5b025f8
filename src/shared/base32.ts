// RFC 4648 base32, as authenticator secrets are written: tolerant of case, spaces, hyphens and padding.
import { CodedError } from './coded-error.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Longer than any secret a site would issue; bounds the work done on hostile input. */
export const MAX_BASE32_INPUT = 4096;

export type Base32ErrorCode = 'invalid-character' | 'invalid-length' | 'too-long';

export class Base32Error extends CodedError<Base32ErrorCode> {
  override name = 'Base32Error';
}

// Pure annotation: lets bundlers drop the table from bundles (content scripts) that never decode.
const VALUES: Int8Array = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
    table[ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  return table;
})();

/**
 * Decodes base32. Ignores spaces and hyphens (people copy secrets in groups), accepts lower case and
 * trailing `=` padding, rejects everything else. A remainder of 1, 3 or 6 characters cannot come from
 * whole bytes and is rejected as a truncated secret.
 */
export function base32Decode(input: string): Uint8Array<ArrayBuffer> {
  if (typeof input !== 'string') throw new Base32Error('invalid-character', 'Base32 input must be a string.');
  if (input.length > MAX_BASE32_INPUT) {
    throw new Base32Error('too-long', `Base32 input is longer than ${MAX_BASE32_INPUT} characters.`);
  }
  const cleaned = input.replace(/[\s-]/g, '').replace(/=+$/, '');
  if (/[^A-Za-z2-7]/.test(cleaned)) {
    const bad = /[^A-Za-z2-7]/.exec(cleaned)?.[0] ?? '';
    throw new Base32Error('invalid-character', `"${bad}" is not a base32 character (A–Z and 2–7 only).`);
  }
  if ([1, 3, 6].includes(cleaned.length % 8)) {
    throw new Base32Error('invalid-length', `A base32 text of ${cleaned.length} characters is truncated.`);
  }
  const out = new Uint8Array(Math.floor((cleaned.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < cleaned.length; i++) {
    buffer = ((buffer << 5) | (VALUES[cleaned.charCodeAt(i)] ?? 0)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes bytes as upper-case base32; padding is off by default because otpauth secrets omit it. */
export function base32Encode(bytes: Uint8Array, opts: { padding?: boolean } = {}): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  if (opts.padding) out += '='.repeat((8 - (out.length % 8)) % 8);
  return out;
}

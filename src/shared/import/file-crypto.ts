// The ciphers and encodings import files use, over WebCrypto (AES, PBKDF2, HMAC) and @noble/hashes (MD5 for OpenSSL keys).
import { md5 } from '@noble/hashes/legacy.js';
import { ImportError } from './types.ts';

export type Bytes = Uint8Array<ArrayBuffer>;

export function utf8Encode(text: string): Bytes {
  return new TextEncoder().encode(text) as Bytes;
}

/** Strict UTF-8: a wrong key through an unauthenticated cipher gives bytes that are rarely valid UTF-8. */
export function utf8Decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function concatBytes(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function hexToBytes(hex: unknown, what: string): Bytes {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new ImportError('malformed-file', `The file's ${what} is not hexadecimal.`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Base64 as apps write it: standard or URL-safe alphabet, padding optional, line breaks ignored. */
export function decodeBase64(text: unknown, what: string): Bytes {
  if (typeof text !== 'string') throw new ImportError('malformed-file', `The file's ${what} is missing.`);
  const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) {
    throw new ImportError('malformed-file', `The file's ${what} is not valid base64.`);
  }
  const binary = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function encodeBase64(bytes: Uint8Array, padded = true): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const out = btoa(binary);
  return padded ? out : out.replace(/=+$/, '');
}

function subtle(): SubtleCrypto {
  if (!globalThis.crypto?.subtle) throw new ImportError('engine-missing', 'WebCrypto is not available here.');
  return globalThis.crypto.subtle;
}

/** AES-GCM with the 16-byte tag appended to the ciphertext; null when authentication fails. */
export async function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Promise<Bytes | null> {
  if (sealed.length < 16) return null;
  const k = await subtle().importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['decrypt']);
  try {
    const params: AesGcmParams = { name: 'AES-GCM', iv: new Uint8Array(iv), tagLength: 128 };
    if (aad) params.additionalData = new Uint8Array(aad);
    return new Uint8Array(await subtle().decrypt(params, k, new Uint8Array(sealed)));
  } catch {
    return null;
  }
}

/** AES-CBC with PKCS#7 padding; null when the padding is wrong (a wrong key, usually). Unauthenticated: check what it gives. */
export async function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Bytes | null> {
  if (data.length === 0 || data.length % 16 !== 0 || iv.length !== 16) return null;
  const k = await subtle().importKey('raw', new Uint8Array(key), 'AES-CBC', false, ['decrypt']);
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: new Uint8Array(iv) }, k, new Uint8Array(data)));
  } catch {
    return null;
  }
}

export async function pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, hash: 'SHA-1' | 'SHA-256', bytes: number): Promise<Bytes> {
  const base = await subtle().importKey('raw', new Uint8Array(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash, salt: new Uint8Array(salt), iterations }, base, bytes * 8));
}

export async function sha256(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', new Uint8Array(data)));
}

export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Bytes> {
  const k = await subtle().importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', k, new Uint8Array(data)));
}

/** RFC 5869 HKDF-Expand alone (Bitwarden stretches its KDF output this way, without the Extract step). */
export async function hkdfExpandSha256(prk: Uint8Array, info: string, length: number): Promise<Bytes> {
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 0, at = 0; at < length; i++) {
    previous = await hmacSha256(prk, concatBytes(previous, utf8Encode(info), new Uint8Array([i + 1])));
    out.set(previous.subarray(0, Math.min(previous.length, length - at)), at);
    at += previous.length;
  }
  return out;
}

/** Compares two MACs without stopping at the first difference. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** OpenSSL's EVP_BytesToKey with MD5 and one round: the key and IV CryptoJS derives from a passphrase and 8-byte salt. */
export function evpBytesToKey(password: Uint8Array, salt: Uint8Array, keyBytes = 32, ivBytes = 16): { key: Bytes; iv: Bytes } {
  const out = new Uint8Array(keyBytes + ivBytes);
  let block: Uint8Array = new Uint8Array(0);
  for (let at = 0; at < out.length; at += block.length) {
    block = md5(concatBytes(block, password, salt));
    out.set(block.subarray(0, Math.min(block.length, out.length - at)), at);
  }
  return { key: out.slice(0, keyBytes), iv: out.slice(keyBytes) };
}

const SALTED = utf8Encode('Salted__');

/**
 * Decrypts CryptoJS.AES.encrypt(text, passphrase) output: base64 of "Salted__" ‖ salt(8) ‖ AES-256-CBC. Null when the
 * layout or padding is wrong. No MAC: callers must check that what comes out makes sense.
 */
export async function cryptoJsDecrypt(base64: unknown, passphrase: string): Promise<Bytes | null> {
  let raw: Bytes;
  try {
    raw = decodeBase64(base64, 'encrypted value');
  } catch {
    return null;
  }
  if (raw.length < 32 || !equalBytes(raw.subarray(0, 8), SALTED)) return null;
  const { key, iv } = evpBytesToKey(utf8Encode(passphrase), raw.subarray(8, 16));
  return aesCbcDecrypt(key, iv, raw.subarray(16));
}

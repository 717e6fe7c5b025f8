// Versioned AES-256-GCM envelopes for the vault: sealed under a password, or under a random data key
// that is itself wrapped by the password (so a password change rewraps one key, not the whole vault).
import { bytesToBase64 } from './base64.ts';
import {
  checkKdfParams, checkPassword, decodeField, deriveKeyFromPassword, newKdfParams, type KdfChoice, type KdfEngines, type KdfParams,
} from './password-kdf.ts';
import { VaultCryptoError } from './vault-crypto-error.ts';

/** Data sealed under a key the caller holds. All binary fields are base64, so it survives JSON and storage. */
export interface SealedBox {
  v: 1;
  /** 12-byte GCM nonce, fresh per seal. */
  iv: string;
  /** Ciphertext with its 16-byte tag. */
  ct: string;
  /** First 16 bytes of SHA-256(aad): tells "opened in the wrong context" apart from tampering. */
  ctx: string;
}

/** Data sealed under a password: the box plus everything needed to re-derive the key from the password. */
export interface PasswordEnvelope extends SealedBox {
  kdf: KdfParams;
  /** Key-check value derived from the password (separately from the key): tells a wrong password from tampering. */
  check: string;
}

/** A data key wrapped by a password: the same envelope, under a fixed context so it cannot pass for a payload. */
export type WrappedKey = PasswordEnvelope;

export type AadInput = Uint8Array | string;

export interface PasswordSealOptions extends KdfEngines {
  /** Key derivation for a new envelope; defaults to PBKDF2-SHA256, 600,000 iterations, fresh salt. */
  kdf?: KdfChoice;
  aad?: AadInput;
}

/** Far above any vault or backup; bounds work and memory on hostile input. */
export const MAX_PLAINTEXT_BYTES = 16 * 1024 * 1024;
const MAX_CT_CHARS = Math.ceil(((MAX_PLAINTEXT_BYTES + 16) * 4) / 3) + 4;
const DATA_KEY_CONTEXT = 'keyfob v1 wrapped data key';

/** A fresh random AES-256-GCM data key. Extractable, because it has to be wrapped. */
export async function generateDataKey(): Promise<CryptoKey> {
  return subtle(() => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']));
}

export async function sealWithKey(key: CryptoKey, plaintext: Uint8Array, aad: AadInput = ''): Promise<SealedBox> {
  if (!(plaintext instanceof Uint8Array)) throw new VaultCryptoError('malformed', 'Only bytes can be sealed.');
  if (plaintext.length > MAX_PLAINTEXT_BYTES) {
    throw new VaultCryptoError('too-large', `${plaintext.length} bytes is more than the ${MAX_PLAINTEXT_BYTES} a vault may hold.`);
  }
  const ad = aadBytes(aad);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = ownBuffer(plaintext);
  const ct = await subtle(() => crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: ad }, key, data));
  return { v: 1, iv: bytesToBase64(iv), ct: bytesToBase64(new Uint8Array(ct)), ctx: bytesToBase64(await contextTag(ad)) };
}

/** Opens a SealedBox (or the box part of a PasswordEnvelope) read from storage; validates it first. */
export async function openWithKey(key: CryptoKey, sealed: unknown, aad: AadInput = ''): Promise<Uint8Array> {
  const box = readBox(sealed);
  const ad = aadBytes(aad);
  if (!equalBytes(box.ctx, await contextTag(ad))) {
    throw new VaultCryptoError('wrong-context', 'This data was sealed for a different record or purpose.');
  }
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.iv, additionalData: ad }, key, box.ct));
  } catch (e) {
    if (e instanceof DOMException && e.name === 'OperationError') {
      throw new VaultCryptoError('tampered', 'The encrypted data has been altered or damaged.');
    }
    throw new VaultCryptoError('crypto-failed', `Decryption failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function sealWithPassword(plaintext: Uint8Array, password: string, opts: PasswordSealOptions = {}): Promise<PasswordEnvelope> {
  checkPassword(password);
  const kdf = newKdfParams(opts.kdf);
  const { key, check } = await deriveKeyFromPassword(password, kdf, opts);
  const box = await sealWithKey(key, plaintext, opts.aad);
  return { v: 1, kdf, check: bytesToBase64(check), iv: box.iv, ct: box.ct, ctx: box.ctx };
}

export async function openWithPassword(envelope: unknown, password: string, aad: AadInput = '', engines: KdfEngines = {}): Promise<Uint8Array> {
  const key = await passwordKeyFor(envelope, password, engines);
  return openWithKey(key, envelope, aad);
}

/** Wraps a data key under a password, with fresh KDF parameters. */
export async function wrapKey(dataKey: CryptoKey, password: string, opts: { kdf?: KdfChoice } & KdfEngines = {}): Promise<WrappedKey> {
  const raw = new Uint8Array(await subtle(() => crypto.subtle.exportKey('raw', dataKey)));
  try {
    return await sealWithPassword(raw, password, { ...opts, aad: DATA_KEY_CONTEXT });
  } finally {
    raw.fill(0);
  }
}

/**
 * Unwraps a data key. Non-extractable by default so page script or a bug cannot read it out;
 * pass extractable: true only to rewrap it (password change).
 */
export async function unwrapKey(wrapped: unknown, password: string, opts: { extractable?: boolean } & KdfEngines = {}): Promise<CryptoKey> {
  const raw = await openWithPassword(wrapped, password, DATA_KEY_CONTEXT, opts);
  try {
    if (raw.length !== 32) throw new VaultCryptoError('malformed', 'The wrapped key is not a 256-bit key.');
    return await subtle(() => crypto.subtle.importKey('raw', ownBuffer(raw), 'AES-GCM', opts.extractable ?? false, ['encrypt', 'decrypt']));
  } finally {
    raw.fill(0);
  }
}

/** Password change: the same data key, wrapped under the new password with fresh parameters. */
export async function rewrapKey(wrapped: unknown, current: string, next: string, opts: { kdf?: KdfChoice } & KdfEngines = {}): Promise<WrappedKey> {
  checkPassword(next);
  const key = await unwrapKey(wrapped, current, { extractable: true, argon2id: opts.argon2id });
  return wrapKey(key, next, opts);
}

async function passwordKeyFor(envelope: unknown, password: string, engines: KdfEngines): Promise<CryptoKey> {
  checkPassword(password);
  readBox(envelope);
  const e = envelope as Record<string, unknown>;
  const kdf = checkKdfParams(e.kdf);
  const stored = decodeField(e.check, 'key check');
  if (stored.length !== 16) throw new VaultCryptoError('malformed', "The envelope's key check must be 16 bytes.");
  const { key, check } = await deriveKeyFromPassword(password, kdf, engines);
  if (!equalBytes(stored, check)) throw new VaultCryptoError('wrong-password', 'The password is wrong.');
  return key;
}

function readBox(value: unknown): { iv: Uint8Array<ArrayBuffer>; ct: Uint8Array<ArrayBuffer>; ctx: Uint8Array<ArrayBuffer> } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new VaultCryptoError('malformed', 'Expected an encrypted envelope object.');
  }
  const e = value as Record<string, unknown>;
  if (e.v !== 1) {
    throw new VaultCryptoError(typeof e.v === 'number' ? 'unsupported-version' : 'malformed',
      typeof e.v === 'number' ? `Envelope version ${e.v} is not supported by this version of Keyfob.` : 'The envelope has no version.');
  }
  if (typeof e.ct === 'string' && e.ct.length > MAX_CT_CHARS) throw new VaultCryptoError('too-large', 'The envelope is larger than a vault may be.');
  const iv = decodeField(e.iv, 'IV');
  const ct = decodeField(e.ct, 'ciphertext');
  const ctx = decodeField(e.ctx, 'context tag');
  if (iv.length !== 12 || ct.length < 16 || ctx.length !== 16) throw new VaultCryptoError('malformed', 'The envelope fields have the wrong lengths.');
  return { iv, ct, ctx };
}

function aadBytes(aad: AadInput): Uint8Array<ArrayBuffer> {
  if (typeof aad === 'string') {
    if (aad.length > 4096) throw new VaultCryptoError('too-large', 'The context string is too long.');
    return new TextEncoder().encode(aad);
  }
  if (aad instanceof Uint8Array && aad.length <= 4096) return ownBuffer(aad);
  throw new VaultCryptoError('malformed', 'The context must be a string or up to 4096 bytes.');
}

async function contextTag(ad: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const digest = await subtle(() => crypto.subtle.digest('SHA-256', ad));
  return new Uint8Array(digest, 0, 16);
}

/** WebCrypto takes only ArrayBuffer-backed views; copy the rare SharedArrayBuffer-backed one. */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

/** Constant-time comparison, so timing does not reveal how much of a check value matched. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

async function subtle<T>(op: () => Promise<T>): Promise<T> {
  if (!globalThis.crypto?.subtle) throw new VaultCryptoError('crypto-failed', 'WebCrypto is not available here.');
  try {
    return await op();
  } catch (e) {
    if (e instanceof VaultCryptoError) throw e;
    throw new VaultCryptoError('crypto-failed', `WebCrypto refused: ${e instanceof Error ? e.message : String(e)}`);
  }
}

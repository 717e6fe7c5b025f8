// Turns a password into an AES-256-GCM key plus a separate key-check value, under self-described KDF parameters.
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { VaultCryptoError } from './vault-crypto-error.ts';

export interface Pbkdf2Params {
  name: 'PBKDF2-SHA256';
  iterations: number;
  /** base64, 16–64 bytes */
  salt: string;
}

export interface Argon2idParams {
  name: 'Argon2id';
  /** Memory in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  /** base64, 16–64 bytes */
  salt: string;
}

export type KdfParams = Pbkdf2Params | Argon2idParams;

/** One Argon2id hash of `password` (32 bytes out). */
export type Argon2idHash = (input: {
  password: string; salt: Uint8Array; memoryKiB: number; iterations: number; parallelism: number;
}) => Promise<Uint8Array>;

/**
 * Key-derivation code the caller supplies. Argon2id is injected rather than imported here: its WebAssembly would
 * otherwise be bundled into the extension's worker, where the default (PBKDF2) never needs it. Node and extension
 * pages pass `argon2idHashWasm` (argon2id-hash-wasm.ts); the worker passes one that runs it outside the worker.
 */
export interface KdfEngines {
  argon2id?: Argon2idHash;
}

/** What a caller may choose; the salt is always fresh. */
export type KdfChoice =
  | { name: 'PBKDF2-SHA256'; iterations?: number }
  | { name: 'Argon2id'; memoryKiB?: number; iterations?: number; parallelism?: number };

/** OWASP 2023 guidance for PBKDF2-HMAC-SHA256. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
/** OWASP's first Argon2id configuration: 19 MiB, 2 passes, 1 lane. */
export const DEFAULT_ARGON2ID = { memoryKiB: 19_456, iterations: 2, parallelism: 1 } as const;
/** Bounds on what an envelope may ask for, so a hostile backup file cannot make unlocking hang or exhaust memory. */
export const KDF_LIMITS = {
  pbkdf2MaxIterations: 10_000_000,
  argon2MaxMemoryKiB: 262_144,
  argon2MaxIterations: 64,
  argon2MaxParallelism: 16,
} as const;
export const MAX_PASSWORD_LENGTH = 4096;
/**
 * What an imported file (a backup someone handed you) may ask for: twice what Keyfob writes itself. KDF_LIMITS
 * alone would let a hostile file hold the worker for minutes before its password is even checked.
 */
export const IMPORT_KDF_LIMITS = {
  pbkdf2MaxIterations: 2 * DEFAULT_PBKDF2_ITERATIONS,
  argon2MaxMemoryKiB: 2 * DEFAULT_ARGON2ID.memoryKiB,
  argon2MaxIterations: 2 * DEFAULT_ARGON2ID.iterations,
  argon2MaxParallelism: 2 * DEFAULT_ARGON2ID.parallelism,
} as const;

export interface PasswordKey {
  /** AES-256-GCM key for encrypt/decrypt; never extractable. */
  key: CryptoKey;
  /** 16 bytes stored beside the ciphertext; a mismatch means the password is wrong, not that data was altered. */
  check: Uint8Array;
}


/** Fresh parameters (new random salt) for sealing; defaults to PBKDF2-SHA256 with 600,000 iterations. */
export function newKdfParams(choice: KdfChoice = { name: 'PBKDF2-SHA256' }): KdfParams {
  const salt = bytesToBase64(crypto.getRandomValues(new Uint8Array(16)));
  const params: KdfParams = choice.name === 'Argon2id'
    ? {
        name: 'Argon2id',
        memoryKiB: choice.memoryKiB ?? DEFAULT_ARGON2ID.memoryKiB,
        iterations: choice.iterations ?? DEFAULT_ARGON2ID.iterations,
        parallelism: choice.parallelism ?? DEFAULT_ARGON2ID.parallelism,
        salt,
      }
    : { name: 'PBKDF2-SHA256', iterations: choice.iterations ?? DEFAULT_PBKDF2_ITERATIONS, salt };
  return checkKdfParams(params);
}

/** Validates parameters read from storage or a file; throws VaultCryptoError('unsupported-kdf' | 'malformed'). */
export function checkKdfParams(value: unknown): KdfParams {
  if (typeof value !== 'object' || value === null) throw new VaultCryptoError('malformed', 'The envelope has no key-derivation parameters.');
  const p = value as Record<string, unknown>;
  const salt = typeof p.salt === 'string' ? decodeField(p.salt, 'salt') : null;
  if (!salt || salt.length < 16 || salt.length > 64) throw new VaultCryptoError('malformed', 'The key-derivation salt must be 16 to 64 bytes.');
  const whole = (v: unknown, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= max;
  if (p.name === 'PBKDF2-SHA256') {
    if (!whole(p.iterations, KDF_LIMITS.pbkdf2MaxIterations)) {
      throw new VaultCryptoError('unsupported-kdf', `PBKDF2 iterations must be 1 to ${KDF_LIMITS.pbkdf2MaxIterations}.`);
    }
    return { name: 'PBKDF2-SHA256', iterations: p.iterations, salt: p.salt as string };
  }
  if (p.name === 'Argon2id') {
    if (!whole(p.iterations, KDF_LIMITS.argon2MaxIterations) || !whole(p.parallelism, KDF_LIMITS.argon2MaxParallelism)
      || !whole(p.memoryKiB, KDF_LIMITS.argon2MaxMemoryKiB) || p.memoryKiB < 8 * p.parallelism) {
      throw new VaultCryptoError('unsupported-kdf', 'Argon2id parameters are outside the supported bounds.');
    }
    return { name: 'Argon2id', memoryKiB: p.memoryKiB, iterations: p.iterations, parallelism: p.parallelism, salt: p.salt as string };
  }
  throw new VaultCryptoError('unsupported-kdf', `Key derivation "${String(p.name).slice(0, 40)}" is not supported.`);
}

/**
 * Validates the parameters of an imported envelope and caps them at IMPORT_KDF_LIMITS, before any derivation;
 * throws VaultCryptoError('unsupported-kdf') saying what the file asks for and what Keyfob accepts.
 */
export function checkImportKdf(value: unknown): KdfParams {
  const params = checkKdfParams(value);
  const n = (v: number) => v.toLocaleString('en-US');
  const cap = IMPORT_KDF_LIMITS;
  if (params.name === 'PBKDF2-SHA256') {
    if (params.iterations > cap.pbkdf2MaxIterations) {
      throw new VaultCryptoError('unsupported-kdf', `The file asks for PBKDF2-SHA256 with ${n(params.iterations)} iterations; `
        + `Keyfob accepts at most twice what it writes itself: ${n(cap.pbkdf2MaxIterations)} iterations.`);
    }
    return params;
  }
  if (params.memoryKiB > cap.argon2MaxMemoryKiB || params.iterations > cap.argon2MaxIterations
    || params.parallelism > cap.argon2MaxParallelism) {
    throw new VaultCryptoError('unsupported-kdf', `The file asks for Argon2id with ${n(params.memoryKiB)} KiB of memory, `
      + `${n(params.iterations)} passes and ${n(params.parallelism)} lanes; Keyfob accepts at most twice what it writes itself: `
      + `${n(cap.argon2MaxMemoryKiB)} KiB, ${n(cap.argon2MaxIterations)} passes and ${n(cap.argon2MaxParallelism)} lanes.`);
  }
  return params;
}

/**
 * Derives the password key and its check value. The KDF output is only HKDF input: the AES key and the
 * check value come from it under different labels, so knowing the check value says nothing about the key.
 */
export async function deriveKeyFromPassword(password: string, kdf: KdfParams, engines: KdfEngines = {}): Promise<PasswordKey> {
  checkPassword(password);
  const params = checkKdfParams(kdf);
  const salt = base64ToBytes(params.salt);
  const master = params.name === 'PBKDF2-SHA256'
    ? await pbkdf2(password, salt, params.iterations)
    : await argon2id(password, salt, params, engines.argon2id);
  try {
    const hkdf = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveKey', 'deriveBits']);
    const label = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(info) });
    const key = await crypto.subtle.deriveKey(label('keyfob v1 encryption key'), hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const check = new Uint8Array(await crypto.subtle.deriveBits(label('keyfob v1 password check'), hkdf, 128));
    return { key, check };
  } catch (e) {
    throw new VaultCryptoError('crypto-failed', `Key derivation failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    master.fill(0);
  }
}

export function checkPassword(password: unknown): asserts password is string {
  if (typeof password !== 'string' || password.length === 0) throw new VaultCryptoError('bad-password', 'The password is empty.');
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new VaultCryptoError('bad-password', `The password is longer than ${MAX_PASSWORD_LENGTH} characters.`);
  }
}

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
    return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256));
  } catch (e) {
    throw new VaultCryptoError('crypto-failed', `PBKDF2 failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function argon2id(
  password: string, salt: Uint8Array<ArrayBuffer>, p: Argon2idParams, hash: Argon2idHash | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!hash) throw new VaultCryptoError('unsupported-kdf', 'Argon2id is not available here.');
  let out: Uint8Array;
  try {
    out = await hash({ password, salt, iterations: p.iterations, parallelism: p.parallelism, memoryKiB: p.memoryKiB });
  } catch (e) {
    throw new VaultCryptoError('crypto-failed', `Argon2id failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!(out instanceof Uint8Array) || out.length !== 32) throw new VaultCryptoError('crypto-failed', 'Argon2id returned a hash of the wrong length.');
  return new Uint8Array(out);
}

/** Decodes one base64 field of an envelope; corrupt base64 is 'malformed', never a crash. */
export function decodeField(value: unknown, what: string): Uint8Array<ArrayBuffer> {
  if (typeof value !== 'string') throw new VaultCryptoError('malformed', `The envelope's ${what} is missing.`);
  try {
    return base64ToBytes(value);
  } catch {
    throw new VaultCryptoError('malformed', `The envelope's ${what} is not valid base64.`);
  }
}

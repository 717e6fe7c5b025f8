// Makes HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard codes for an account, with each key prepared once: SHA-1 (nearly every
// account) over @noble/hashes HMAC, synchronous and cheapest per code; SHA-256 and SHA-512 over WebCrypto, so that
// noble's SHA-2 (and its 64-bit constant tables, built when a bundle starts) stays out of the background worker.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { OtpauthError, secretBytes, validateOtpAccount } from './otpauth.ts';
import type { OtpAccount, OtpAlgorithm } from './types.ts';

type KeyedHmac = ReturnType<typeof hmac.create>;

const WEBCRYPTO_HASH = { SHA256: 'SHA-256', SHA512: 'SHA-512' } as const satisfies Record<Exclude<OtpAlgorithm, 'SHA1'>, string>;

// Preparing an HMAC key (hashing the padded key into the inner and outer states, or importing it) is half the work of
// a code, and a popup of 1,000 accounts asks for two codes each: the prepared keys are kept, keyed by algorithm and
// normalised secret. They are as secret as the key itself, so each cache is bounded and forgetKeys() (called when the
// vault locks) destroys or drops every entry.
const MAX_PREPARED_KEYS = 4096;
const prepared = new Map<string, KeyedHmac>();
const imported = new Map<string, Promise<CryptoKey>>();

function preparedKey(secret: string): KeyedHmac {
  let keyed = prepared.get(secret);
  if (keyed === undefined) {
    const key = secretBytes(secret);
    keyed = hmac.create(sha1, key);
    key.fill(0);
    if (prepared.size >= MAX_PREPARED_KEYS) forgetOldestKey();
    prepared.set(secret, keyed);
  }
  return keyed;
}

function importedKey(algorithm: keyof typeof WEBCRYPTO_HASH, secret: string): Promise<CryptoKey> {
  const id = `${algorithm}:${secret}`;
  let key = imported.get(id);
  if (key === undefined) {
    const raw = secretBytes(secret);
    key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: WEBCRYPTO_HASH[algorithm] }, false, ['sign'])
      .finally(() => raw.fill(0));
    if (imported.size >= MAX_PREPARED_KEYS) imported.delete(imported.keys().next().value as string);
    imported.set(id, key);
  }
  return key;
}

function forgetOldestKey(): void {
  for (const [id, keyed] of prepared) {
    keyed.destroy();
    prepared.delete(id);
    return;
  }
}

/** Destroys every prepared HMAC key: call when the secrets they came from must no longer be usable (vault lock). */
export function forgetKeys(): void {
  for (const keyed of prepared.values()) keyed.destroy();
  prepared.clear();
  // Non-extractable CryptoKeys cannot be wiped, only let go.
  imported.clear();
}

/** The 8-byte big-endian counter HOTP signs. */
function counterBytes(counter: number): Uint8Array<ArrayBuffer> {
  const message = new Uint8Array(8);
  const high = Math.floor(counter / 0x1_0000_0000);
  const low = counter >>> 0;
  message[0] = high >>> 24; message[1] = high >>> 16; message[2] = high >>> 8; message[3] = high;
  message[4] = low >>> 24; message[5] = low >>> 16; message[6] = low >>> 8; message[7] = low;
  return message;
}

/** RFC 4226 section 5.3: dynamic truncation of the HMAC, last `digits` decimal digits. Wipes `mac`. */
function truncate(mac: Uint8Array, digits: number): string {
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = (((mac[offset] as number) & 0x7f) << 24) | ((mac[offset + 1] as number) << 16)
    | ((mac[offset + 2] as number) << 8) | (mac[offset + 3] as number);
  mac.fill(0);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** Steam Guard's alphabet: 26 characters without look-alikes (no 0/O, 1/I/L, A, E, S, U, Z). */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** Steam Guard: the same 31-bit dynamic truncation as RFC 4226, written as 5 characters of its alphabet, least significant first. */
function steamCode(mac: Uint8Array): string {
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  let value = (((mac[offset] as number) & 0x7f) << 24) | ((mac[offset + 1] as number) << 16)
    | ((mac[offset + 2] as number) << 8) | (mac[offset + 3] as number);
  mac.fill(0);
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return out;
}

async function hotp(algorithm: OtpAlgorithm, secret: string, counter: number, digits: number, steam = false): Promise<string> {
  if (steam) return steamCode(preparedKey(secret).clone().update(counterBytes(counter)).digest());
  if (algorithm === 'SHA1') return truncate(preparedKey(secret).clone().update(counterBytes(counter)).digest(), digits);
  const key = await importedKey(algorithm, secret);
  return truncate(new Uint8Array(await crypto.subtle.sign('HMAC', key, counterBytes(counter))), digits);
}

/**
 * The code an account shows at `atMs` (TOTP) or at its stored counter (HOTP).
 * Throws OtpauthError for an invalid account or time.
 */
export async function generateCode(account: OtpAccount, atMs: number = Date.now()): Promise<string> {
  const a = validateOtpAccount(account);
  if (a.type === 'hotp') return hotp(a.algorithm, a.secret, a.counter, a.digits);
  if (!Number.isFinite(atMs) || atMs < 0) {
    throw new OtpauthError('bad-time', `Cannot make a code for time ${String(atMs)}; expected milliseconds since 1970.`);
  }
  const step = Math.floor(Math.floor(atMs / 1000) / a.period);
  if (!Number.isSafeInteger(step)) {
    throw new OtpauthError('bad-time', `Cannot make a code for time ${atMs}: its time step is past the largest counter.`);
  }
  return hotp(a.algorithm, a.secret, step, a.digits, a.type === 'steam');
}

/** Epoch ms at which the TOTP code shown at `atMs` stops being current. */
export function codeValidUntil(account: Pick<OtpAccount, 'period'>, atMs: number): number {
  const periodMs = account.period * 1000;
  return (Math.floor(atMs / periodMs) + 1) * periodMs;
}

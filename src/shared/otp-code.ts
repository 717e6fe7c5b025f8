// Makes HOTP (RFC 4226) and TOTP (RFC 6238) codes for an account, over @noble/hashes HMAC with each key prepared once.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { OtpauthError, secretBytes, validateOtpAccount } from './otpauth.ts';
import type { OtpAccount, OtpAlgorithm } from './types.ts';

type KeyedHmac = ReturnType<typeof hmac.create>;

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const satisfies Record<OtpAlgorithm, unknown>;

// Preparing an HMAC key (hashing the padded key into the inner and outer states) is half the work of a
// code, and a popup of 1,000 accounts asks for two codes each: the prepared states are kept, keyed by
// algorithm and normalised secret. They are as secret as the key itself, so the cache is bounded and
// forgetKeys() (called when the vault locks) destroys every entry.
const MAX_PREPARED_KEYS = 4096;
const prepared = new Map<string, KeyedHmac>();

function preparedKey(algorithm: OtpAlgorithm, secret: string): KeyedHmac {
  const id = `${algorithm}:${secret}`;
  let keyed = prepared.get(id);
  if (keyed === undefined) {
    const key = secretBytes(secret);
    keyed = hmac.create(HASHES[algorithm], key);
    key.fill(0);
    if (prepared.size >= MAX_PREPARED_KEYS) forgetOldestKey();
    prepared.set(id, keyed);
  }
  return keyed;
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
}

/** RFC 4226 section 5.3: HMAC over the 8-byte big-endian counter, dynamic truncation, last `digits` decimal digits. */
function hotp(keyed: KeyedHmac, counter: number, digits: number): string {
  const message = new Uint8Array(8);
  const high = Math.floor(counter / 0x1_0000_0000);
  const low = counter >>> 0;
  message[0] = high >>> 24; message[1] = high >>> 16; message[2] = high >>> 8; message[3] = high;
  message[4] = low >>> 24; message[5] = low >>> 16; message[6] = low >>> 8; message[7] = low;
  const mac = keyed.clone().update(message).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = (((mac[offset] as number) & 0x7f) << 24) | ((mac[offset + 1] as number) << 16)
    | ((mac[offset + 2] as number) << 8) | (mac[offset + 3] as number);
  mac.fill(0);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The code an account shows at `atMs` (TOTP) or at its stored counter (HOTP).
 * Throws OtpauthError for an invalid account or time.
 */
export async function generateCode(account: OtpAccount, atMs: number = Date.now()): Promise<string> {
  return generateCodeNow(account, atMs);
}

function generateCodeNow(account: OtpAccount, atMs: number): string {
  const a = validateOtpAccount(account);
  const keyed = preparedKey(a.algorithm, a.secret);
  if (a.type === 'hotp') return hotp(keyed, a.counter, a.digits);
  if (!Number.isFinite(atMs) || atMs < 0) {
    throw new OtpauthError('bad-time', `Cannot make a code for time ${String(atMs)}; expected milliseconds since 1970.`);
  }
  const step = Math.floor(Math.floor(atMs / 1000) / a.period);
  if (!Number.isSafeInteger(step)) {
    throw new OtpauthError('bad-time', `Cannot make a code for time ${atMs}: its time step is past the largest counter.`);
  }
  return hotp(keyed, step, a.digits);
}

/** Epoch ms at which the TOTP code shown at `atMs` stops being current. */
export function codeValidUntil(account: Pick<OtpAccount, 'period'>, atMs: number): number {
  const periodMs = account.period * 1000;
  return (Math.floor(atMs / periodMs) + 1) * periodMs;
}

// Authenticator Pro / Stratum backups: JSON, encrypted (Argon2id t=3, 64 MiB, p=4 → AES-256-GCM) or legacy (PBKDF2-SHA1 → AES-CBC).
import { requireArgon2id, requirePassword, type ImportOptions } from './engines.ts';
import { EntrySink } from './entry.ts';
import { aesCbcDecrypt, aesGcmDecrypt, pbkdf2, utf8Decode, utf8Encode, type Bytes } from './file-crypto.ts';
import { isRecord, parseInnerJson, requireArray } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { checkPbkdf2Iterations } from './kdf-limits.ts';
import { ImportError, type ImportResult } from './types.ts';

const APP = 'Authenticator Pro';
const HEADER = 'AUTHENTICATORPRO';
const LEGACY_HEADER = 'AuthenticatorPro';
const ARGON2 = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 } as const;
const LEGACY_ITERATIONS = 64_000;
/** Its AuthenticatorType enum: 3 (mOTP) and 5 (Yandex) need a PIN and are generated differently. */
const TYPES: Record<number, string> = { 1: 'hotp', 2: 'totp', 3: 'mOTP', 4: 'steam', 5: 'Yandex' };
const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

function headerOf(bytes: Uint8Array): 'new' | 'legacy' | null {
  const head = String.fromCharCode(...bytes.subarray(0, 16));
  return head === HEADER ? 'new' : head === LEGACY_HEADER ? 'legacy' : null;
}

function backupOf(json: unknown): Record<string, unknown> | null {
  return isRecord(json) && Array.isArray(json.Authenticators) ? json : null;
}

export const authenticatorProReader: FormatReader = {
  detect(input) {
    const b = backupOf(input.json);
    if (b) return { format: 'authenticator-pro', app: APP, encrypted: false, entries: (b.Authenticators as unknown[]).length };
    return headerOf(input.bytes) ? { format: 'authenticator-pro', app: APP, encrypted: true, entries: null } : null;
  },

  async read(input, options) {
    const b = backupOf(input.json);
    if (b) return readBackup(b, false, options);
    const kind = headerOf(input.bytes);
    if (!kind) throw new ImportError('unrecognised-format', 'Not an Authenticator Pro backup.');
    const plain = kind === 'new' ? await decryptNew(input.bytes, options) : await decryptLegacy(input.bytes, options);
    const inner = backupOf(parseInnerJson(utf8Decode(plain), 'Authenticator Pro backup'));
    if (!inner) throw new ImportError('malformed-file', 'The decrypted Authenticator Pro backup has no authenticators.');
    return readBackup(inner, true, options);
  },
};

async function decryptNew(bytes: Uint8Array, options: ImportOptions): Promise<Bytes> {
  if (bytes.length < 16 + 16 + 12 + 16) throw new ImportError('malformed-file', 'The Authenticator Pro backup is truncated.');
  const password = requirePassword(options);
  const argon2id = requireArgon2id(options.engines);
  options.onProgress?.('deriving-key');
  const key = await argon2id({ password, salt: bytes.slice(16, 32), ...ARGON2 });
  options.onProgress?.('decrypting');
  const plain = await aesGcmDecrypt(key, bytes.subarray(32, 44), bytes.subarray(44));
  key.fill(0);
  if (!plain) throw new ImportError('wrong-password', 'The password does not open this Authenticator Pro backup (or the file was altered).');
  return plain;
}

async function decryptLegacy(bytes: Uint8Array, options: ImportOptions): Promise<Bytes> {
  if (bytes.length < 16 + 20 + 16 + 16) throw new ImportError('malformed-file', 'The Authenticator Pro backup is truncated.');
  const password = requirePassword(options);
  options.onProgress?.('deriving-key');
  const key = await pbkdf2(utf8Encode(password), bytes.subarray(16, 36), checkPbkdf2Iterations(LEGACY_ITERATIONS), 'SHA-1', 32);
  options.onProgress?.('decrypting');
  const plain = await aesCbcDecrypt(key, bytes.subarray(36, 52), bytes.subarray(52));
  // Unauthenticated: bad padding, or bytes that are not the JSON it should be, both mean a wrong password.
  const text = plain ? utf8Decode(plain) : null;
  if (!plain || text === null || !/^\s*\{/.test(text)) throw new ImportError('wrong-password', 'The password does not open this Authenticator Pro backup.');
  return plain;
}

function readBackup(b: Record<string, unknown>, encrypted: boolean, options: ImportOptions): ImportResult {
  options.onProgress?.('reading-entries');
  const categories = new Map<string, string>();
  for (const c of Array.isArray(b.Categories) ? b.Categories : []) {
    if (isRecord(c) && typeof c.Id === 'string' && typeof c.Name === 'string') categories.set(c.Id, c.Name);
  }
  const groupsOf = new Map<string, string[]>();
  for (const link of Array.isArray(b.AuthenticatorCategories) ? b.AuthenticatorCategories : []) {
    if (!isRecord(link) || typeof link.AuthenticatorSecret !== 'string' || typeof link.CategoryId !== 'string') continue;
    const name = categories.get(link.CategoryId);
    if (name) groupsOf.set(link.AuthenticatorSecret, [...(groupsOf.get(link.AuthenticatorSecret) ?? []), name]);
  }
  const sink = new EntrySink();
  for (const a of requireArray(b.Authenticators, 'authenticators')) {
    if (!isRecord(a)) { sink.skip(null, { code: 'malformed-entry', field: 'entry' }, 'The entry is not an object.'); continue; }
    sink.add({
      type: typeof a.Type === 'number' ? TYPES[a.Type] ?? `type ${a.Type}` : a.Type,
      issuer: a.Issuer, account: a.Username, secret: a.Secret,
      algorithm: typeof a.Algorithm === 'number' ? ALGORITHMS[a.Algorithm] ?? `algorithm ${a.Algorithm}` : a.Algorithm,
      digits: a.Digits, period: a.Period, counter: a.Counter,
      groups: typeof a.Secret === 'string' ? groupsOf.get(a.Secret) ?? [] : [],
    });
  }
  return { format: 'authenticator-pro', app: APP, encrypted, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
}

// Authenticator-Extension backups (authenticator.json): plain, legacy v1/v2 CryptoJS encryption, and v3 (Argon2id key).
import { base32Encode } from '../base32.ts';
import { requireArgon2id, requirePassword, type ImportEngines, type ImportOptions } from './engines.ts';
import { EntrySink, entryName, type EntryDraft } from './entry.ts';
import { bytesToHex, cryptoJsDecrypt, decodeBase64, encodeBase64, equalBytes, hexToBytes, utf8Decode, utf8Encode } from './file-crypto.ts';
import { isRecord } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { checkArgon2Cost } from './kdf-limits.ts';
import { ImportError } from './types.ts';

const APP = 'Authenticator (browser extension)';
/** The extension's fixed Argon2id settings for turning the password into the v3 passphrase. */
const V3_ARGON2 = { memoryKiB: 19_456, iterations: 2, parallelism: 1 } as const;
/** Its OTPType enum, for backups that stored the number. */
const TYPE_NUMBERS: Record<number, string> = { 1: 'totp', 2: 'hotp', 3: 'battle', 4: 'steam', 5: 'hex', 6: 'hhex' };
const RESERVED = ['key', 'enc', 'hash'];

type Backup = Record<string, unknown>;

function isStorageItem(v: unknown): v is Record<string, unknown> {
  if (!isRecord(v)) return false;
  if (v.dataType === 'OTPStorage' || v.dataType === 'EncOTPStorage' || v.dataType === 'Key') return true;
  return typeof v.secret === 'string' && 'type' in v && ('hash' in v || 'index' in v || 'encrypted' in v);
}

function backupOf(json: unknown): Backup | null {
  if (!isRecord(json)) return null;
  const values = Object.entries(json).filter(([k]) => !RESERVED.includes(k)).map(([, v]) => v);
  return values.length > 0 && values.every(isStorageItem) ? json : null;
}

function entriesOf(backup: Backup): Record<string, unknown>[] {
  return Object.entries(backup).filter(([k, v]) => !RESERVED.includes(k) && isRecord(v) && v.dataType !== 'Key').map(([, v]) => v as Record<string, unknown>);
}

const isEncryptedEntry = (e: Record<string, unknown>) => e.dataType === 'EncOTPStorage' || e.encrypted === true;

export const authenticatorExtensionReader: FormatReader = {
  detect(input) {
    const backup = backupOf(input.json);
    if (!backup) return null;
    const entries = entriesOf(backup);
    return { format: 'authenticator-extension', app: APP, encrypted: entries.some(isEncryptedEntry), entries: entries.length };
  },

  async read(input, options) {
    const backup = backupOf(input.json);
    if (!backup) throw new ImportError('unrecognised-format', 'Not an Authenticator-Extension backup.');
    const entries = entriesOf(backup);
    const encrypted = entries.some(isEncryptedEntry);
    const sink = new EntrySink();
    const keys = new Map<string, string | null>();
    let legacyPassphrase: string | null = null;
    let opened = 0;
    let sealed = 0;
    if (encrypted) requirePassword(options);
    for (const e of entries) {
      let item: Record<string, unknown> | null = e;
      if (e.dataType === 'EncOTPStorage') {
        sealed++;
        const keyId = typeof e.keyId === 'string' ? e.keyId : '';
        if (!keys.has(keyId)) keys.set(keyId, await unlockV3Key(backup[keyId], options));
        const passphrase = keys.get(keyId);
        const plain = passphrase ? await cryptoJsDecrypt(e.data, passphrase) : null;
        const json = plain ? parseJson(utf8Decode(plain)) : null;
        item = isRecord(json) ? json : null;
      } else if (e.encrypted === true) {
        sealed++;
        legacyPassphrase ??= await legacyPassphraseOf(backup, requirePassword(options));
        const plain = await cryptoJsDecrypt(e.secret, legacyPassphrase);
        const secret = plain ? utf8Decode(plain) : null;
        item = secret && /^[A-Za-z2-7=\s-]+$|^[0-9a-fA-F]+$/.test(secret) ? { ...e, secret } : null;
      }
      if (!item) { sink.skip(null, { code: 'undecryptable-entry' }, 'This entry could not be decrypted.'); continue; }
      if (item !== e) opened++;
      addEntry(sink, item);
    }
    // No MAC on these ciphers: when nothing at all opens, the password is what is wrong.
    if (sealed > 0 && opened === 0) throw new ImportError('wrong-password', 'The password does not open this backup.');
    options.onProgress?.('reading-entries');
    return { format: 'authenticator-extension', app: APP, encrypted, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
  },
};

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try { return JSON.parse(text); } catch { return null; }
}

/**
 * v3: the passphrase is the base64 hash of Argon2id(password, key.salt); key.hash is an encoded Argon2id hash of that
 * passphrase, which tells a wrong password before any entry is decrypted. Null when the password is wrong.
 */
async function unlockV3Key(key: unknown, options: ImportOptions): Promise<string | null> {
  if (!isRecord(key) || key.dataType !== 'Key' || typeof key.salt !== 'string' || typeof key.hash !== 'string') return null;
  const check = parseEncodedArgon2(key.hash);
  const argon2id = requireArgon2id(options.engines);
  const password = requirePassword(options);
  options.onProgress?.('deriving-key');
  const hash = await argon2id({ password, salt: utf8Encode(key.salt), ...V3_ARGON2 });
  const passphrase = encodeBase64(hash, false);
  return (await verifyEncoded(check, passphrase, options.engines)) ? passphrase : null;
}

interface EncodedArgon2 { memoryKiB: number; passes: number; parallelism: number; salt: Uint8Array; hash: Uint8Array }

/** "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>" (PHC string format); its costs are bounded like any file's. */
function parseEncodedArgon2(encoded: string): EncodedArgon2 {
  const m = /^\$argon2id\$v=19\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,4})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(encoded);
  if (!m) throw new ImportError('unsupported-encryption', 'The backup\'s key check is not an Argon2id hash Keyfob reads.');
  const cost = checkArgon2Cost({ memoryKiB: Number(m[1]), passes: Number(m[2]), parallelism: Number(m[3]) });
  return { ...cost, salt: decodeBase64(m[4], 'key check salt'), hash: decodeBase64(m[5], 'key check hash') };
}

async function verifyEncoded(check: EncodedArgon2, value: string, engines: ImportEngines | undefined): Promise<boolean> {
  if (check.hash.length !== 32) throw new ImportError('unsupported-encryption', 'The backup\'s key check has an unusual length.');
  const argon2id = requireArgon2id(engines);
  const hash = await argon2id({ password: value, salt: check.salt, memoryKiB: check.memoryKiB, iterations: check.passes, parallelism: check.parallelism });
  return equalBytes(hash, check.hash);
}

/**
 * v1 sealed each secret with the password itself; v2 sealed a random key with it (top-level key.enc, or enc at the top
 * level after the extension's bug #557) and each secret with that key's hex.
 */
async function legacyPassphraseOf(backup: Backup, password: string): Promise<string> {
  const enc = isRecord(backup.key) ? backup.key.enc : backup.enc;
  if (typeof enc !== 'string') return password;
  const key = await cryptoJsDecrypt(enc, password);
  if (!key || key.length === 0) throw new ImportError('wrong-password', 'The password does not open this backup.');
  return bytesToHex(key);
}

function addEntry(sink: EntrySink, e: Record<string, unknown>): void {
  const rawType = typeof e.type === 'number' ? TYPE_NUMBERS[e.type] ?? String(e.type) : e.type;
  let draft: EntryDraft = {
    type: rawType, issuer: e.issuer, account: e.account, secret: e.secret, algorithm: e.algorithm,
    digits: e.digits, period: e.period, counter: e.counter, favorite: e.pinned,
  };
  if (rawType === 'battle') draft = { ...draft, type: 'totp', digits: 8 };
  if (rawType === 'hex' || rawType === 'hhex') {
    // Hexadecimal secrets: the same key bytes, written as base32 like every other account.
    let secret: string | undefined;
    try { secret = typeof e.secret === 'string' ? base32Encode(hexToBytes(e.secret.trim(), 'secret')) : undefined; } catch { secret = undefined; }
    if (secret === undefined) { sink.skip(entryName(draft, -1), { code: 'malformed-entry', field: 'secret' }, 'The hexadecimal secret is not hexadecimal.'); return; }
    draft = { ...draft, type: rawType === 'hex' ? 'totp' : 'hotp', secret };
  }
  sink.add(draft);
}

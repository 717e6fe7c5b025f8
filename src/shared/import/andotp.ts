// andOTP backups: plain JSON, or .json.aes (PBKDF2-HMAC-SHA1 with the iteration count in the header, or SHA-256 of the password) → AES-256-GCM.
import { requirePassword, type ImportOptions } from './engines.ts';
import { EntrySink } from './entry.ts';
import { aesGcmDecrypt, pbkdf2, sha256, utf8Decode, utf8Encode, type Bytes } from './file-crypto.ts';
import { isRecord, parseInnerJson, requireArray, type FileInput } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { checkPbkdf2Iterations, IMPORT_FILE_KDF_LIMITS } from './kdf-limits.ts';
import { ImportError, type ImportResult } from './types.ts';

const APP = 'andOTP';
const SALT = 12;
const NONCE = 12;
const TAG = 16;

function isAndOtpList(json: unknown): json is unknown[] {
  return Array.isArray(json) && json.length > 0 && json.every((e) => isRecord(e) && 'secret' in e && 'type' in e && ('label' in e || 'issuer' in e));
}

/**
 * A binary file that is not another app's: andOTP's .json.aes has no magic bytes, only its layout — a 4-byte
 * iteration count (then salt, nonce, sealed JSON) or, in the old layout, the nonce straight away.
 */
function isAndOtpEncrypted(input: FileInput): boolean {
  return input.text === null && input.bytes.length >= NONCE + TAG + 2 && !startsWithAscii(input.bytes, 'AuthenticatorPro')
    && !startsWithAscii(input.bytes, 'AUTHENTICATORPRO');
}

function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

export const andOtpReader: FormatReader = {
  detect(input) {
    if (isAndOtpList(input.json)) return { format: 'andotp', app: APP, encrypted: false, entries: input.json.length };
    if (isAndOtpEncrypted(input)) return { format: 'andotp', app: APP, encrypted: true, entries: null };
    return null;
  },

  async read(input, options) {
    if (isAndOtpList(input.json)) return readList(input.json, false, options);
    if (!isAndOtpEncrypted(input)) throw new ImportError('unrecognised-format', 'Not an andOTP backup.');
    return readList(requireArray(parseInnerJson(utf8Decode(await decrypt(input.bytes, options)), 'andOTP backup'), 'entries'), true, options);
  },
};

async function decrypt(bytes: Uint8Array, options: ImportOptions): Promise<Bytes> {
  const password = requirePassword(options);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const iterations = view.getUint32(0, false);
  const newLayout = bytes.length >= 4 + SALT + NONCE + TAG && iterations >= 1 && iterations <= IMPORT_FILE_KDF_LIMITS.pbkdf2MaxIterations;
  if (newLayout) {
    options.onProgress?.('deriving-key');
    const key = await pbkdf2(utf8Encode(password), bytes.subarray(4, 4 + SALT), checkPbkdf2Iterations(iterations), 'SHA-1', 32);
    options.onProgress?.('decrypting');
    const plain = await aesGcmDecrypt(key, bytes.subarray(4 + SALT, 4 + SALT + NONCE), bytes.subarray(4 + SALT + NONCE));
    if (plain) return plain;
  }
  // The old layout costs one hash: always worth a try, also when the first four bytes read as an absurd count.
  const oldKey = await sha256(utf8Encode(password));
  const old = await aesGcmDecrypt(oldKey, bytes.subarray(0, NONCE), bytes.subarray(NONCE));
  if (old) return old;
  if (!newLayout && iterations > IMPORT_FILE_KDF_LIMITS.pbkdf2MaxIterations) checkPbkdf2Iterations(iterations);
  throw new ImportError('wrong-password', 'The password does not open this andOTP backup (or the file was altered).');
}

function readList(list: unknown[], encrypted: boolean, options: ImportOptions): ImportResult {
  options.onProgress?.('reading-entries');
  const sink = new EntrySink();
  for (const e of list) {
    if (!isRecord(e)) { sink.skip(null, { code: 'malformed-entry', field: 'entry' }, 'The entry is not an object.'); continue; }
    let issuer = e.issuer;
    let account = e.label;
    // Before andOTP had an issuer field, the label held "Issuer - name".
    if ((issuer === undefined || issuer === '') && typeof account === 'string' && account.includes(' - ')) {
      const at = account.indexOf(' - ');
      issuer = account.slice(0, at);
      account = account.slice(at + 3);
    }
    sink.add({
      type: e.type, issuer, account, secret: e.secret, algorithm: e.algorithm, digits: e.digits, period: e.period,
      counter: e.counter, groups: Array.isArray(e.tags) ? e.tags : [],
    });
  }
  return { format: 'andotp', app: APP, encrypted, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
}

// 2FAS backups (.2fas): plain, or services sealed with PBKDF2-HMAC-SHA256 (10,000 iterations) and AES-256-GCM.
import { requirePassword, type ImportOptions } from './engines.ts';
import { EntrySink } from './entry.ts';
import { aesGcmDecrypt, decodeBase64, pbkdf2, utf8Decode, utf8Encode, type Bytes } from './file-crypto.ts';
import { isRecord, parseInnerJson, requireArray } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { checkPbkdf2Iterations } from './kdf-limits.ts';
import { ImportError } from './types.ts';

const APP = '2FAS';
/** 2FAS's BackupKeyGeneratorPbkdf: fixed, not stored in the file. */
const ITERATIONS = 10_000;

function backupOf(json: unknown): Record<string, unknown> | null {
  if (!isRecord(json) || typeof json.schemaVersion !== 'number' || !Array.isArray(json.services)) return null;
  return json;
}

function isEncrypted(backup: Record<string, unknown>): boolean {
  return typeof backup.servicesEncrypted === 'string' && backup.servicesEncrypted.length > 0;
}

export const twoFasReader: FormatReader = {
  detect(input) {
    const backup = backupOf(input.json);
    if (!backup) return null;
    const encrypted = isEncrypted(backup);
    return { format: 'two-fas', app: APP, encrypted, entries: encrypted ? null : (backup.services as unknown[]).length };
  },

  async read(input, options) {
    const backup = backupOf(input.json);
    if (!backup) throw new ImportError('unrecognised-format', 'Not a 2FAS backup.');
    if ((backup.schemaVersion as number) > 4) throw new ImportError('unsupported-version', `2FAS backup schema ${String(backup.schemaVersion)} is newer than Keyfob knows (4).`);
    const encrypted = isEncrypted(backup);
    const services = encrypted ? await decryptServices(backup, options) : (backup.services as unknown[]);
    options.onProgress?.('reading-entries');
    const groups = new Map<string, string>();
    for (const g of Array.isArray(backup.groups) ? backup.groups : []) {
      if (isRecord(g) && typeof g.id === 'string' && typeof g.name === 'string') groups.set(g.id, g.name);
    }
    const sink = new EntrySink();
    for (const s of services) {
      if (!isRecord(s)) { sink.skip(null, { code: 'malformed-entry', field: 'entry' }, 'The entry is not an object.'); continue; }
      const otp = isRecord(s.otp) ? s.otp : {};
      const group = typeof s.groupId === 'string' ? groups.get(s.groupId) : undefined;
      sink.add({
        type: otp.tokenType ?? 'TOTP',
        issuer: otp.issuer || s.name,
        account: otp.account ?? otp.label,
        secret: s.secret,
        algorithm: otp.algorithm,
        digits: otp.digits,
        period: otp.period,
        counter: otp.counter,
        groups: group ? [group] : [],
        url: otp.link,
      });
    }
    return { format: 'two-fas', app: APP, encrypted, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
  },
};

/** "base64(ciphertext‖tag):base64(salt):base64(iv)", as 2FAS writes servicesEncrypted and reference. */
function splitSealed(value: unknown, what: string): { sealed: Bytes; salt: Bytes; iv: Bytes } {
  const parts = typeof value === 'string' ? value.split(':') : [];
  if (parts.length !== 3) throw new ImportError('malformed-file', `The 2FAS backup's ${what} is not ciphertext:salt:iv.`);
  const [sealed, salt, iv] = parts.map((p, i) => decodeBase64(p, `${what} (${['ciphertext', 'salt', 'iv'][i]})`)) as [Bytes, Bytes, Bytes];
  if (iv.length !== 12 || salt.length < 8 || salt.length > 1024 || sealed.length < 16) {
    throw new ImportError('malformed-file', `The 2FAS backup's ${what} has the wrong lengths.`);
  }
  return { sealed, salt, iv };
}

async function decryptServices(backup: Record<string, unknown>, options: ImportOptions): Promise<unknown[]> {
  const services = splitSealed(backup.servicesEncrypted, 'services');
  const reference = backup.reference === undefined ? null : splitSealed(backup.reference, 'reference');
  const password = requirePassword(options);
  const iterations = checkPbkdf2Iterations(ITERATIONS);
  const keys = new Map<string, Bytes>();
  const keyFor = async (salt: Bytes) => {
    const id = salt.join(',');
    let key = keys.get(id);
    if (!key) {
      options.onProgress?.('deriving-key');
      key = await pbkdf2(utf8Encode(password), salt, iterations, 'SHA-256', 32);
      keys.set(id, key);
    }
    return key;
  };
  // The reference is a fixed text sealed under the same password: it tells a wrong password from damaged data.
  if (reference && !(await aesGcmDecrypt(await keyFor(reference.salt), reference.iv, reference.sealed))) {
    throw new ImportError('wrong-password', 'The password does not open this 2FAS backup.');
  }
  options.onProgress?.('decrypting');
  const plain = await aesGcmDecrypt(await keyFor(services.salt), services.iv, services.sealed);
  for (const key of keys.values()) key.fill(0);
  if (!plain) {
    throw reference
      ? new ImportError('tampered', 'The password is right but the 2FAS backup\'s data was altered or damaged.')
      : new ImportError('wrong-password', 'The password does not open this 2FAS backup.');
  }
  return requireArray(parseInnerJson(utf8Decode(plain), '2FAS services'), 'services');
}

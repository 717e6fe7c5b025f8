// Proton Authenticator exports: plain JSON of otpauth links, or Argon2id (19 MiB, 2 passes) → AES-256-GCM with its own AAD.
import { requireArgon2id, requirePassword, type ImportOptions } from './engines.ts';
import { draftFromUri, EntrySink } from './entry.ts';
import { aesGcmDecrypt, decodeBase64, utf8Decode, utf8Encode } from './file-crypto.ts';
import { isRecord, parseInnerJson, requireArray } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { ImportError, type ImportResult } from './types.ts';

const APP = 'Proton Authenticator';
/** proton-authenticator's password_exporter: fixed parameters, only the salt is stored. */
const ARGON2 = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 } as const;
const AAD = 'proton.authenticator.export.v1';

function plainOf(json: unknown): Record<string, unknown> | null {
  return isRecord(json) && Array.isArray(json.entries) && json.entries.every((e) => isRecord(e) && isRecord(e.content)) ? json : null;
}

function encryptedOf(json: unknown): Record<string, unknown> | null {
  return isRecord(json) && typeof json.salt === 'string' && typeof json.content === 'string' && typeof json.version === 'number' ? json : null;
}

export const protonReader: FormatReader = {
  detect(input) {
    const plain = plainOf(input.json);
    if (plain) return { format: 'proton', app: APP, encrypted: false, entries: (plain.entries as unknown[]).length };
    return encryptedOf(input.json) ? { format: 'proton', app: APP, encrypted: true, entries: null } : null;
  },

  async read(input, options) {
    const plain = plainOf(input.json);
    if (plain) return readEntries(plain, false, options);
    const enc = encryptedOf(input.json);
    if (!enc) throw new ImportError('unrecognised-format', 'Not a Proton Authenticator export.');
    if (enc.version !== 1) throw new ImportError('unsupported-version', `Proton export version ${enc.version} is newer than Keyfob knows (1).`);
    const salt = decodeBase64(enc.salt, 'salt');
    const sealed = decodeBase64(enc.content, 'content');
    if (salt.length !== 16 || sealed.length < 12 + 16) throw new ImportError('malformed-file', 'The Proton export\'s salt or content has the wrong length.');
    const password = requirePassword(options);
    const argon2id = requireArgon2id(options.engines);
    options.onProgress?.('deriving-key');
    const key = await argon2id({ password, salt, ...ARGON2 });
    options.onProgress?.('decrypting');
    const opened = await aesGcmDecrypt(key, sealed.subarray(0, 12), sealed.subarray(12), utf8Encode(AAD));
    key.fill(0);
    if (!opened) throw new ImportError('wrong-password', 'The password does not open this Proton export (or the file was altered).');
    const inner = parseInnerJson(utf8Decode(opened), 'Proton export');
    const entries = plainOf(inner);
    if (!entries) throw new ImportError('malformed-file', 'The decrypted Proton export has no entries.');
    return readEntries(entries, true, options);
  },
};

function readEntries(json: Record<string, unknown>, encrypted: boolean, options: ImportOptions): ImportResult {
  options.onProgress?.('reading-entries');
  const sink = new EntrySink();
  for (const e of requireArray(json.entries, 'entries')) {
    const content = isRecord(e) && isRecord(e.content) ? e.content : null;
    if (!content || typeof content.uri !== 'string') {
      sink.skip(content && typeof content.name === 'string' ? content.name : null, { code: 'malformed-entry', field: 'uri' }, 'The entry has no link.');
      continue;
    }
    const draft = draftFromUri(content.uri);
    if ('reason' in draft) { sink.skip(typeof content.name === 'string' ? content.name : null, draft.reason, draft.message); continue; }
    // steam:// links carry no name: the entry's own name is the one the user knows.
    sink.add({ ...draft, account: draft.account || content.name, note: (e as Record<string, unknown>).note });
  }
  return { format: 'proton', app: APP, encrypted, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
}

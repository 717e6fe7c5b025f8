// Bitwarden (and Bitwarden Authenticator) exports: JSON, CSV, and password-protected JSON (PBKDF2 or Argon2id → AES-CBC + HMAC).
import { requireArgon2id, requirePassword, type ImportOptions } from './engines.ts';
import { draftFromUri, EntrySink } from './entry.ts';
import { aesCbcDecrypt, concatBytes, decodeBase64, equalBytes, hkdfExpandSha256, hmacSha256, pbkdf2, sha256, utf8Decode, utf8Encode, type Bytes } from './file-crypto.ts';
import { isRecord, parseInnerJson, requireArray } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { parseCsv } from './csv.ts';
import { checkArgon2Cost, checkPbkdf2Iterations } from './kdf-limits.ts';
import { ImportError, type ImportFormat, type ImportResult } from './types.ts';

const APP = 'Bitwarden';
/** Cipher type 1 is a login, the only kind with a TOTP field. */
const LOGIN = 1;

type Kind = 'plain' | 'protected' | 'restricted';

function kindOf(json: unknown): Kind | null {
  if (!isRecord(json) || typeof json.encrypted !== 'boolean') return null;
  if (!json.encrypted) return Array.isArray(json.items) ? 'plain' : null;
  if (json.passwordProtected === true && typeof json.data === 'string') return 'protected';
  // Encrypted under the Bitwarden account's own key: every field is an EncString only that account can open.
  if (typeof json.encKeyValidation_DO_NOT_EDIT === 'string' || Array.isArray(json.items)) return 'restricted';
  return null;
}

const CSV_HEADER = /^\uFEFF?[^\n]*\blogin_totp\b/;

export const bitwardenReader: FormatReader = {
  detect(input) {
    const kind = kindOf(input.json);
    if (kind === 'plain') return { format: 'bitwarden-json', app: APP, encrypted: false, entries: countTotp((input.json as { items: unknown[] }).items) };
    if (kind === 'protected') return { format: 'bitwarden-protected', app: APP, encrypted: true, entries: null };
    if (kind === 'restricted') return { format: 'bitwarden-account-restricted', app: APP, encrypted: true, entries: null };
    if (input.text !== null && input.json === undefined && CSV_HEADER.test(input.text)) {
      const rows = parseCsv(input.text);
      return { format: 'bitwarden-csv', app: APP, encrypted: false, entries: rows ? csvTotpCount(rows) : null };
    }
    return null;
  },

  async read(input, options) {
    const kind = kindOf(input.json);
    if (kind === 'plain') return readJson(input.json as Record<string, unknown>, 'bitwarden-json', false, options);
    if (kind === 'restricted') {
      throw new ImportError('account-restricted', 'This Bitwarden export is "account restricted": only the Bitwarden account that made it '
        + 'can open it. In Bitwarden, export again as "Password protected" (or unencrypted JSON) and import that file.');
    }
    if (kind === 'protected') {
      const inner = await decryptProtected(input.json as Record<string, unknown>, options);
      const json = /^\s*\{/.test(inner) ? parseInnerJson(inner, 'Bitwarden export') : null;
      if (isRecord(json)) return readJson(json, 'bitwarden-protected', true, options);
      return readCsv(inner, 'bitwarden-protected', true, options);
    }
    if (input.text !== null && CSV_HEADER.test(input.text)) return readCsv(input.text, 'bitwarden-csv', false, options);
    throw new ImportError('unrecognised-format', 'Not a Bitwarden export.');
  },
};

function countTotp(items: unknown[]): number {
  return items.filter((i) => isRecord(i) && isRecord(i.login) && typeof i.login.totp === 'string' && i.login.totp.trim() !== '').length;
}

function csvTotpCount(rows: string[][]): number {
  const col = (rows[0] ?? []).indexOf('login_totp');
  return rows.slice(1).filter((r) => (r[col] ?? '').trim() !== '').length;
}

/** One login's TOTP field: an otpauth:// or steam:// link, or a bare base32 secret (then a 6-digit, 30 s TOTP). */
function addTotp(sink: EntrySink, totp: string, item: { name: unknown; username: unknown; note: unknown; favorite: unknown; folder: unknown; url: unknown }): void {
  const extras = { note: item.note, favorite: item.favorite, groups: [item.folder], url: item.url };
  const value = totp.trim();
  if (/^(otpauth|steam):\/\//i.test(value)) {
    const draft = draftFromUri(value);
    if ('reason' in draft) { sink.skip(typeof item.name === 'string' ? item.name : null, draft.reason, draft.message); return; }
    sink.add({ ...draft, issuer: draft.issuer || item.name, account: draft.account || item.username, ...extras });
    return;
  }
  sink.add({ type: 'totp', issuer: item.name, account: item.username, secret: value, ...extras });
}

function readJson(json: Record<string, unknown>, format: ImportFormat, encrypted: boolean, options: ImportOptions): ImportResult {
  options.onProgress?.('reading-entries');
  const folders = new Map<string, string>();
  for (const f of Array.isArray(json.folders) ? json.folders : []) {
    if (isRecord(f) && typeof f.id === 'string' && typeof f.name === 'string') folders.set(f.id, f.name);
  }
  const sink = new EntrySink();
  let otherItems = 0;
  for (const item of requireArray(json.items, 'items')) {
    const login = isRecord(item) && isRecord(item.login) ? item.login : null;
    if (!isRecord(item) || !login || (item.type !== undefined && item.type !== LOGIN)
      || typeof login.totp !== 'string' || login.totp.trim() === '') { otherItems++; continue; }
    const uris = Array.isArray(login.uris) ? login.uris : [];
    const firstUri = uris.map((u) => (isRecord(u) ? u.uri : undefined)).find((u) => typeof u === 'string' && /^https?:\/\//i.test(u));
    addTotp(sink, login.totp, {
      name: item.name, username: login.username, note: item.notes, favorite: item.favorite,
      folder: typeof item.folderId === 'string' ? folders.get(item.folderId) : undefined, url: firstUri,
    });
  }
  return { format, app: APP, encrypted, accounts: sink.accounts, skipped: sink.skipped, otherItems };
}

function readCsv(text: string, format: ImportFormat, encrypted: boolean, options: ImportOptions): ImportResult {
  options.onProgress?.('reading-entries');
  const rows = parseCsv(text);
  if (!rows || rows.length === 0) throw new ImportError('malformed-file', 'The Bitwarden CSV is damaged (a quote is never closed).');
  const header = (rows[0] as string[]).map((h) => h.trim());
  const at = (row: string[], name: string) => { const i = header.indexOf(name); return i >= 0 ? row[i] : undefined; };
  if (!header.includes('login_totp')) throw new ImportError('malformed-file', 'The Bitwarden CSV has no login_totp column.');
  const sink = new EntrySink();
  let otherItems = 0;
  for (const row of rows.slice(1)) {
    const totp = at(row, 'login_totp') ?? '';
    if (totp.trim() === '') { otherItems++; continue; }
    const uri = (at(row, 'login_uri') ?? '').split(',')[0];
    addTotp(sink, totp, {
      name: at(row, 'name'), username: at(row, 'login_username'), note: at(row, 'notes'),
      favorite: at(row, 'favorite') === '1', folder: at(row, 'folder'), url: uri,
    });
  }
  return { format, app: APP, encrypted, accounts: sink.accounts, skipped: sink.skipped, otherItems };
}

/** An EncString of type 2 (AES-256-CBC, HMAC-SHA256): "2.iv|ciphertext|mac", each base64. */
function parseEncString(value: unknown, what: string): { iv: Bytes; data: Bytes; mac: Bytes } {
  const m = typeof value === 'string' ? /^2\.([^|]+)\|([^|]+)\|([^|]+)$/.exec(value.trim()) : null;
  if (!m) {
    if (typeof value === 'string' && /^\d+\./.test(value) && !value.startsWith('2.')) {
      throw new ImportError('unsupported-encryption', `The Bitwarden export's ${what} uses encryption type ${value.split('.')[0]}; Keyfob reads type 2.`);
    }
    throw new ImportError('malformed-file', `The Bitwarden export's ${what} is not an encrypted value.`);
  }
  const iv = decodeBase64(m[1], `${what} iv`);
  const data = decodeBase64(m[2], `${what} data`);
  const mac = decodeBase64(m[3], `${what} mac`);
  if (iv.length !== 16 || mac.length !== 32) throw new ImportError('malformed-file', `The Bitwarden export's ${what} has the wrong lengths.`);
  return { iv, data, mac };
}

async function openEncString(enc: { iv: Bytes; data: Bytes; mac: Bytes }, encKey: Bytes, macKey: Bytes): Promise<Bytes | null> {
  // Encrypt-then-MAC: the MAC is checked first, so a wrong key never reaches the unauthenticated cipher.
  if (!equalBytes(await hmacSha256(macKey, concatBytes(enc.iv, enc.data)), enc.mac)) return null;
  return aesCbcDecrypt(encKey, enc.iv, enc.data);
}

async function decryptProtected(file: Record<string, unknown>, options: ImportOptions): Promise<string> {
  if (typeof file.salt !== 'string' || file.salt === '') throw new ImportError('malformed-file', 'The Bitwarden export has no salt.');
  const validation = parseEncString(file.encKeyValidation_DO_NOT_EDIT, 'password check');
  const data = parseEncString(file.data, 'data');
  const salt = utf8Encode(file.salt);
  let derive: (password: string) => Promise<Uint8Array>;
  if (file.kdfType === 0 || file.kdfType === undefined) {
    const iterations = checkPbkdf2Iterations(file.kdfIterations);
    derive = (password) => pbkdf2(utf8Encode(password), salt, iterations, 'SHA-256', 32);
  } else if (file.kdfType === 1) {
    // Bitwarden's Argon2id: memory in MiB, and the salt is the SHA-256 of the salt text.
    const memory = file.kdfMemory;
    const cost = checkArgon2Cost({
      memoryKiB: Number.isSafeInteger(memory) ? (memory as number) * 1024 : memory, passes: file.kdfIterations, parallelism: file.kdfParallelism,
    });
    const argon2id = requireArgon2id(options.engines);
    derive = async (password) => argon2id({ password, salt: await sha256(salt), memoryKiB: cost.memoryKiB, iterations: cost.passes, parallelism: cost.parallelism });
  } else {
    throw new ImportError('unsupported-encryption', `Bitwarden key derivation type ${String(file.kdfType).slice(0, 10)} is not known.`);
  }
  const password = requirePassword(options);
  options.onProgress?.('deriving-key');
  const key = await derive(password);
  const encKey = await hkdfExpandSha256(key, 'enc', 32);
  const macKey = await hkdfExpandSha256(key, 'mac', 32);
  key.fill(0);
  if (!(await openEncString(validation, encKey, macKey))) throw new ImportError('wrong-password', 'The password does not open this Bitwarden export.');
  options.onProgress?.('decrypting');
  const plain = await openEncString(data, encKey, macKey);
  if (!plain) throw new ImportError('tampered', 'The password is right but the Bitwarden export\'s data was altered or damaged.');
  const text = utf8Decode(plain);
  if (text === null) throw new ImportError('malformed-file', 'The decrypted Bitwarden export is not text.');
  return text;
}

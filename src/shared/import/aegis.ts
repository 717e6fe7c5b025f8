// Aegis vault exports (docs/vault.md): plain, or encrypted with scrypt password slots wrapping an AES-256-GCM master key.
import { requirePassword, requireScrypt, type ImportOptions } from './engines.ts';
import { EntrySink } from './entry.ts';
import { aesGcmDecrypt, concatBytes, decodeBase64, hexToBytes, utf8Decode, utf8Encode } from './file-crypto.ts';
import { isRecord, parseInnerJson, requireArray } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { checkScryptCost } from './kdf-limits.ts';
import { ImportError, type ImportedIcon, type ImportResult } from './types.ts';

const APP = 'Aegis';
/** Slot type 1: a key derived from a password with scrypt (0 is a raw key, 2 biometric: neither can be opened here). */
const PASSWORD_SLOT = 1;
/**
 * An icon longer than this (base64 characters, 256 KiB) is not kept: Aegis downscales the icons it stores to 512 px,
 * so a real one is far smaller, and the import page would shrink it to 32 px anyway.
 */
export const MAX_AEGIS_ICON_CHARS = 256 * 1024;
const ICON_MIMES: readonly ImportedIcon['mime'][] = ['image/png', 'image/jpeg', 'image/svg+xml'];
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function vaultOf(json: unknown): { header: Record<string, unknown>; db: unknown } | null {
  if (!isRecord(json) || !isRecord(json.header) || !('db' in json)) return null;
  if (json.version !== 1) return null;
  return { header: json.header, db: json.db };
}

export const aegisReader: FormatReader = {
  detect(input) {
    const vault = vaultOf(input.json);
    if (!vault) return null;
    const encrypted = typeof vault.db === 'string';
    const entries = !encrypted && isRecord(vault.db) && Array.isArray(vault.db.entries) ? vault.db.entries.length : null;
    return { format: 'aegis', app: APP, encrypted, entries };
  },

  async read(input, options) {
    const vault = vaultOf(input.json);
    if (!vault) throw new ImportError('unrecognised-format', 'Not an Aegis vault.');
    const encrypted = typeof vault.db === 'string';
    const db = encrypted ? await decryptDb(vault.header, vault.db as string, options) : vault.db;
    options.onProgress?.('reading-entries');
    return readDb(db, encrypted);
  },
};

async function decryptDb(header: Record<string, unknown>, db: string, options: ImportOptions): Promise<unknown> {
  const slots = requireArray(header.slots, 'key slots').filter((s): s is Record<string, unknown> => isRecord(s) && s.type === PASSWORD_SLOT);
  if (slots.length === 0) throw new ImportError('unsupported-encryption', 'The Aegis vault has no password slot (only biometric or raw keys).');
  // Every slot's cost is checked before the first derivation: a hostile second slot must not run either.
  const costs = slots.map((s) => checkScryptCost({ n: s.n, r: s.r, p: s.p }));
  const params = header.params;
  if (!isRecord(params)) throw new ImportError('malformed-file', 'The Aegis vault has no encryption parameters.');
  const dbNonce = hexToBytes(params.nonce, 'database nonce');
  const dbTag = hexToBytes(params.tag, 'database tag');
  const sealed = decodeBase64(db, 'database');
  const password = requirePassword(options);
  const scrypt = requireScrypt(options.engines);
  for (const [i, slot] of slots.entries()) {
    const cost = costs[i] as ReturnType<typeof checkScryptCost>;
    const keyParams = isRecord(slot.key_params) ? slot.key_params : {};
    const salt = hexToBytes(slot.salt, 'slot salt');
    const wrapped = concatBytes(hexToBytes(slot.key, 'slot key'), hexToBytes(keyParams.tag, 'slot tag'));
    const nonce = hexToBytes(keyParams.nonce, 'slot nonce');
    options.onProgress?.('deriving-key');
    const key = await scrypt({ password: utf8Encode(password), salt, n: cost.n, r: cost.r, p: cost.p, length: 32 });
    const master = await aesGcmDecrypt(key, nonce, wrapped);
    key.fill(0);
    if (!master) continue;
    options.onProgress?.('decrypting');
    const plain = await aesGcmDecrypt(master, dbNonce, concatBytes(sealed, dbTag));
    master.fill(0);
    if (!plain) throw new ImportError('tampered', 'The password is right but the Aegis vault\'s data was altered or damaged.');
    return parseInnerJson(utf8Decode(plain), 'Aegis database');
  }
  throw new ImportError('wrong-password', 'The password does not open this Aegis vault.');
}

function readDb(db: unknown, encrypted: boolean): ImportResult {
  if (!isRecord(db)) throw new ImportError('malformed-file', 'The Aegis vault has no database.');
  const groupNames = new Map<string, string>();
  for (const g of Array.isArray(db.groups) ? db.groups : []) {
    if (isRecord(g) && typeof g.uuid === 'string' && typeof g.name === 'string') groupNames.set(g.uuid, g.name);
  }
  const sink = new EntrySink();
  for (const e of requireArray(db.entries, 'entries')) {
    if (!isRecord(e)) { sink.skip(null, { code: 'malformed-entry', field: 'entry' }, 'The entry is not an object.'); continue; }
    const info = isRecord(e.info) ? e.info : {};
    // Database version 2 kept one group name per entry; version 3 keeps a list of group ids.
    const groups = Array.isArray(e.groups) ? e.groups.map((id) => (typeof id === 'string' ? groupNames.get(id) : undefined)) : [e.group];
    const before = sink.accounts.length;
    sink.add({
      type: e.type,
      issuer: e.issuer,
      account: e.name,
      secret: info.secret,
      algorithm: info.algo,
      digits: info.digits,
      period: info.period,
      counter: info.counter,
      groups: groups.filter((g) => typeof g === 'string'),
      favorite: e.favorite,
      note: e.note,
    });
    const icon = iconOf(e);
    if (icon && sink.accounts.length > before) sink.accounts[before]!.icon = icon;
  }
  return { format: 'aegis', app: APP, encrypted, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
}

/**
 * The entry's icon as the file holds it, or null. Like Aegis itself, an icon that cannot be read costs the entry its
 * icon, never the entry; an icon without icon_mime is a JPEG (Aegis's own rule for vaults written before the field).
 */
function iconOf(e: Record<string, unknown>): ImportedIcon | null {
  const data = e.icon;
  if (typeof data !== 'string' || data.length === 0 || data.length > MAX_AEGIS_ICON_CHARS) return null;
  if (data.length % 4 !== 0 || !BASE64.test(data)) return null;
  const mime = e.icon_mime === undefined || e.icon_mime === null ? 'image/jpeg' : e.icon_mime;
  const known = ICON_MIMES.find((m) => m === mime);
  return known ? { mime: known, base64: data } : null;
}

// Writes accounts as an Aegis plain vault (docs/vault.md), the file Aegis, 2FAS, Ente, Proton and others import.
import { sha256 } from '@noble/hashes/sha2.js';
import type { AccountIcon } from '../account-icon.ts';
import type { OtpAccount } from '../types.ts';
import { bytesToHex, concatBytes, decodeBase64, utf8Encode } from './file-crypto.ts';

export interface AegisExportAccount {
  account: OtpAccount;
  notes: string;
  groups: readonly string[];
  favourite: boolean;
  /** Only a shown PNG site icon travels: Aegis reads PNG, JPEG and SVG, and brand icons are Keyfob's own artwork. */
  icon?: AccountIcon;
}

interface AegisIconFields { icon: string | null; icon_mime: string | null; icon_hash: string | null }

const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;
const NO_ICON: AegisIconFields = { icon: null, icon_mime: null, icon_hash: null };

/**
 * A site icon as Aegis stores one: the image's bytes in base64, its type, and Aegis's hash of the two
 * (VaultEntryIcon.generateHash: SHA-256 over the MIME type's UTF-8 bytes, then the image's bytes; lower-case hex).
 */
export function aegisIconFields(icon: AccountIcon | undefined): AegisIconFields {
  const m = icon?.kind === 'site' ? PNG_DATA_URL.exec(icon.data) : null;
  if (!m || m[1]!.length % 4 !== 0) return NO_ICON;
  const mime = 'image/png';
  const bytes = decodeBase64(m[1], 'icon');
  return { icon: m[1]!, icon_mime: mime, icon_hash: bytesToHex(sha256(concatBytes(utf8Encode(mime), bytes))) };
}

/**
 * The plain (unencrypted) Aegis vault JSON for `accounts`. `uuid` makes each entry's and each group's id
 * (crypto.randomUUID at the edge), so the function stays pure and testable. Groups are written as Aegis's database
 * version 3 keeps them: each name once in `db.groups` with its uuid, and each entry listing the uuids of its groups.
 */
export function formatAegisExport(accounts: readonly AegisExportAccount[], uuid: () => string): string {
  const groupIds = new Map<string, string>();
  for (const { groups } of accounts) for (const name of groups) if (!groupIds.has(name)) groupIds.set(name, uuid());
  const entries = accounts.map(({ account: a, notes, groups, favourite, icon }) => ({
    type: a.type,
    uuid: uuid(),
    name: a.account,
    issuer: a.issuer,
    note: notes,
    favorite: favourite,
    ...aegisIconFields(icon),
    info: { secret: a.secret, algo: a.algorithm, digits: a.digits, ...(a.type === 'hotp' ? { counter: a.counter } : { period: a.period }) },
    groups: groups.map((name) => groupIds.get(name)!),
  }));
  const groups = [...groupIds].map(([name, id]) => ({ uuid: id, name }));
  return `${JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups, icons_optimized: true } }, null, 4)}\n`;
}

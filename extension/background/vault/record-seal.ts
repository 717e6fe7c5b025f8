// Seals and opens one account row, and the index record; the AAD (row id + schema version) makes rows impossible
// to swap, and keeps the index from passing for a row or a row for the index.
import { decodeRecord, encodeRecord, type AccountRecord, type StoredAccount } from './account-record.ts';
import { openWithKey, sealWithKey } from '../../../src/shared/index.ts';
import { INDEX_KEY, type AccountRow, type IndexRow } from './db.ts';
import { decodeIndex, encodeIndex, type AccountIndex } from './index-record.ts';

export function recordAad(id: string, schemaVersion: number): Uint8Array {
  return new TextEncoder().encode(`keyfob/account/v${schemaVersion}/${id}`);
}

export async function sealAccountRow(key: CryptoKey, id: string, position: number, record: AccountRecord, schemaVersion: number): Promise<AccountRow> {
  // sealWithKey draws a fresh random IV on every call, so rewriting a row never reuses one.
  return { id, position, schema: schemaVersion, sealed: await sealWithKey(key, encodeRecord(record), recordAad(id, schemaVersion)) };
}

/** The schema version a row was sealed under: rows from version 1 did not say. */
export function rowSchema(row: AccountRow): number {
  return typeof row.schema === 'number' ? row.schema : 1;
}

/**
 * Opens a row under the AAD of the version that sealed it, which must not be newer than `schemaVersion` (a row
 * cannot claim a future version to dodge its AAD); null when it fails authentication or does not decode.
 */
export async function openAccountRow(key: CryptoKey, row: AccountRow, schemaVersion: number): Promise<StoredAccount | null> {
  const sealedUnder = rowSchema(row);
  if (sealedUnder < 1 || sealedUnder > schemaVersion) return null;
  try {
    const record = decodeRecord(await openWithKey(key, row.sealed, recordAad(row.id, sealedUnder)));
    return record ? { id: row.id, position: row.position, record } : null;
  } catch {
    return null;
  }
}

export function indexAad(schemaVersion: number): Uint8Array {
  return new TextEncoder().encode(`keyfob/index/v${schemaVersion}`);
}

/** The index holds no secret, but issuers, names and sites are private: it is sealed like a row. */
export async function sealIndexRow(key: CryptoKey, index: AccountIndex, schemaVersion: number): Promise<IndexRow> {
  return { id: INDEX_KEY, schema: schemaVersion, sealed: await sealWithKey(key, encodeIndex(index), indexAad(schemaVersion)) };
}

/** Opens the index record; null when it was sealed under another schema version, fails authentication or does not decode. */
export async function openIndexRow(key: CryptoKey, row: IndexRow, schemaVersion: number): Promise<AccountIndex | null> {
  if (row.schema !== schemaVersion) return null;
  try {
    return decodeIndex(await openWithKey(key, row.sealed, indexAad(schemaVersion)));
  } catch {
    return null;
  }
}

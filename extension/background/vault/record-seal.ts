// Seals and opens one account row; the AAD (row id + schema version) makes rows impossible to swap.
import { decodeRecord, encodeRecord, type AccountRecord, type StoredAccount } from './account-record.ts';
import { openWithKey, sealWithKey } from '../../../src/shared/index.ts';
import type { AccountRow } from './db.ts';

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

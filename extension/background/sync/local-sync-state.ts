// This browser's side of sync, in the vault database's `sync` store: per backend file, the merged record (sealed
// exactly as the file is), the backend's version of it when last seen, and whether they match. Only sealed bytes.
import { openVaultDb, type SyncRow } from '../vault/db.ts';

export async function readSyncRows(): Promise<Map<string, SyncRow>> {
  const rows = await (await openVaultDb()).getAll('sync');
  return new Map(rows.map((row) => [row.name, row]));
}

/** Writes and deletes rows in one transaction, so a sync that stops half way leaves a consistent record. */
export async function commitSyncRows(written: readonly SyncRow[], deleted: readonly string[]): Promise<void> {
  if (written.length === 0 && deleted.length === 0) return;
  const tx = (await openVaultDb()).transaction('sync', 'readwrite');
  await Promise.all([...written.map((row) => tx.store.put(row)), ...deleted.map((name) => tx.store.delete(name)), tx.done]);
}

export async function clearSyncRows(): Promise<void> {
  await (await openVaultDb()).clear('sync');
}

// The decrypted account index, held in the worker's memory while unlocked, so the popup's list costs no row
// opening. After a worker restart (MV3 stops idle workers) it comes back from the one sealed index record; a record
// that is missing (a vault from before the index) or stale (rows changed behind it) is rebuilt by opening every row
// once, and written. Forgotten on lock; dropped with the database connection (deleted or upgraded elsewhere).
import { INDEX_KEY, openVaultDb, SCHEMA_VERSION, type VaultDb } from './db.ts';
import { applyToIndex, buildIndex, indexMatchesRows, type AccountIndex, type OpenedRow } from './index-record.ts';
import { openAccountRow, openIndexRow, sealIndexRow } from './record-seal.ts';
import { serialised } from './write-queue.ts';
import { accountsChanged } from './change-events.ts';

let held: { index: AccountIndex; db: VaultDb } | null = null;
// Bumped on lock, so a load or write that finishes after the lock does not bring the index back.
let generation = 0;

export function forgetAccountIndex(): void {
  held = null;
  generation += 1;
}

/** Whether the index is in memory now (tests and benches tell a warm worker from a rebuilt one by it). */
export function accountIndexHeld(): boolean {
  return held !== null;
}

/** The index, for readers; the caller has the data key, so the vault is unlocked. Waits for queued writes only when it must load. */
export async function readAccountIndex(key: CryptoKey): Promise<AccountIndex> {
  const db = await openVaultDb();
  if (held?.db === db) return held.index;
  return serialised(() => loadAccountIndex(key));
}

/**
 * The index for the popup's first paint, which only needs to know which rows come first and how many there are: the
 * one in memory, or else the stored record without checking it against every row (the check reads all of them, the
 * larger part of a cold first paint). The first screen shows the rows it opens itself, never this index's copy of
 * them, and the full list that follows comes from readAccountIndex, checked.
 */
export async function peekAccountIndex(key: CryptoKey): Promise<AccountIndex> {
  const db = await openVaultDb();
  if (held?.db === db) return held.index;
  const stored = await db.get('index', INDEX_KEY);
  return (stored ? await openIndexRow(key, stored, SCHEMA_VERSION) : null) ?? readAccountIndex(key);
}

/** The index as it stands, for work already in the write queue (which must not queue again). */
export async function loadAccountIndex(key: CryptoKey): Promise<AccountIndex> {
  const db = await openVaultDb();
  if (held?.db === db) return held.index;
  const since = generation;
  const tx = db.transaction(['index', 'accounts']);
  const [stored, rows] = await Promise.all([tx.objectStore('index').get(INDEX_KEY), tx.objectStore('accounts').index('position').getAll()]);
  let index = stored ? await openIndexRow(key, stored, SCHEMA_VERSION) : null;
  if (!index || !indexMatchesRows(index, rows)) {
    const opened = await Promise.all(rows.map(async (row): Promise<OpenedRow> => ({ row, account: await openAccountRow(key, row, SCHEMA_VERSION) })));
    index = buildIndex(opened);
    await db.put('index', await sealIndexRow(key, index, SCHEMA_VERSION));
  }
  if (since === generation) held = { index, db };
  return index;
}

/**
 * Writes rows and deletes ids in one transaction together with the index they lead to, so the stored index never
 * disagrees with the rows it lists. For work in the write queue only.
 */
export async function commitRows(key: CryptoKey, written: readonly OpenedRow[], deleted: readonly string[]): Promise<void> {
  const since = generation;
  const next = applyToIndex(await loadAccountIndex(key), written, deleted);
  const indexRow = await sealIndexRow(key, next, SCHEMA_VERSION);
  const db = await openVaultDb();
  const tx = db.transaction(['accounts', 'index'], 'readwrite');
  const accounts = tx.objectStore('accounts');
  await Promise.all([
    ...written.map((w) => accounts.put(w.row)),
    ...deleted.map((id) => accounts.delete(id)),
    tx.objectStore('index').put(indexRow),
    tx.done,
  ]);
  if (since === generation) held = { index: next, db };
  accountsChanged([...written.map((w) => w.row.id), ...deleted]);
}

// Step 1 of a sync: what changed here since the last one. Each account row is compared with the record the last sync
// left; a new or edited account gets a new record version, one gone from the rows a tombstone.
import { accountOfRecord, canonical, deleteRecord, editRecord, recordFromAccount, type SyncedAccount } from '../../../../src/shared/sync/sync-record.ts';
import { sameAccount, toSynced } from '../synced-account.ts';
import { changeRecord } from './local-record.ts';
import type { SyncRun } from './sync-run.ts';

/** The accounts as the rows held them when this sync read them: what merged rows are written over (write-rows.ts). */
export interface RowsRead {
  snapshot: Map<string, SyncedAccount>;
  /** Rows that do not open: never taken for deletions. */
  unreadable: Set<string>;
}

export async function stampLocalEdits(run: SyncRun): Promise<RowsRead> {
  const { ctx, local, clock } = run;
  const editedAt = (id: string): number => ctx.editTimes?.get(id) ?? ctx.now();
  const { accounts, corrupt } = await ctx.vault.listAccounts();
  const snapshot = new Map(accounts.map((a) => [a.id, toSynced(a)]));
  const unreadable = new Set(corrupt.map((c) => c.id));
  for (const [id, synced] of snapshot) {
    const l = local.get(id);
    if (!l) local.set(id, { record: recordFromAccount(id, synced, clock.tick(editedAt(id))), etag: null, synced: false, data: null, dirty: true, seen: null });
    else if (!sameAccount(accountOfRecord(l.record), synced)) {
      const record = editRecord(l.record, synced, clock.tick(editedAt(id)));
      if (canonical(record) !== canonical(l.record)) changeRecord(l, record);
    }
  }
  for (const [id, l] of local) {
    // A row that does not open is not a deletion: the user sees it and decides.
    if (!snapshot.has(id) && !unreadable.has(id) && accountOfRecord(l.record) !== null) changeRecord(l, deleteRecord(l.record, clock.tick(editedAt(id))));
  }
  return { snapshot, unreadable };
}

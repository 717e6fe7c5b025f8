// Writes what a sync merged into the account rows. Network work happens outside the write queue (a sync must never
// hold up the popup or autofill), so each change says what the row held when sync read it; a row the user changed
// meanwhile is left alone, and the next sync stamps that edit and merges it like any other.
import type { AccountRecord, StoredAccount } from '../../vault/account-record.ts';
import { encodeRecord } from '../../vault/account-record.ts';
import { commitRows } from '../../vault/account-index.ts';
import { getAccounts } from '../../vault/accounts.ts';
import { SCHEMA_VERSION } from '../../vault/db.ts';
import { sealAccountRow } from '../../vault/record-seal.ts';
import { requireDataKey } from '../../vault/session-key.ts';
import { serialised } from '../../vault/write-queue.ts';

export interface SyncedChange {
  id: string;
  /** The row as sync read it before merging; null when there was no readable row. */
  expected: { position: number; record: AccountRecord } | null;
  /** The merged account, or null when the merge deleted it. */
  next: { position: number; record: AccountRecord } | null;
}

function same(a: { position: number; record: AccountRecord } | null, b: StoredAccount | null): boolean {
  if (a === null || b === null) return a === b;
  const bytes = (r: AccountRecord) => new TextDecoder().decode(encodeRecord(r));
  return a.position === b.position && bytes(a.record) === bytes(b.record);
}

/** Applies the changes whose rows are as expected, in one transaction with the index; returns the ids left for next time. */
export function applySyncedChanges(changes: readonly SyncedChange[]): Promise<{ applied: number; skipped: string[] }> {
  if (changes.length === 0) return Promise.resolve({ applied: 0, skipped: [] });
  return serialised(async () => {
    const key = await requireDataKey();
    const current = new Map((await getAccounts(changes.map((c) => c.id), key)).map((a) => [a.id, a]));
    const skipped: string[] = [];
    const written: StoredAccount[] = [];
    const deleted: string[] = [];
    for (const change of changes) {
      if (!same(change.expected, current.get(change.id) ?? null)) {
        skipped.push(change.id);
        continue;
      }
      if (change.next) written.push({ id: change.id, ...change.next });
      else if (current.has(change.id)) deleted.push(change.id);
    }
    const rows = await Promise.all(written.map((a) => sealAccountRow(key, a.id, a.position, a.record, SCHEMA_VERSION)));
    await commitRows(key, rows.map((row, i) => ({ row, account: written[i]! })), deleted);
    return { applied: written.length + deleted.length, skipped };
  });
}

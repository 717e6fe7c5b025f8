// Step 3 of a sync: the merged accounts into the account rows. Each change says what the row held when this sync
// read it, so a row the user changed meanwhile is skipped (and stamped by the next sync) rather than overwritten.
import { accountOfRecord } from '../../../../src/shared/sync/sync-record.ts';
import type { SyncedChange } from '../vault-side/sync-apply.ts';
import { sameAccount, toStored } from '../synced-account.ts';
import type { RowsRead } from './stamp-local-edits.ts';
import type { SyncRun } from './sync-run.ts';

/** Writes what differs from `rows` and moves `rows.snapshot` to what was written. */
export async function writeMergedRows(run: SyncRun, rows: RowsRead): Promise<void> {
  const { ctx, local, report } = run;
  const { snapshot, unreadable } = rows;
  const changes: SyncedChange[] = [];
  for (const [id, l] of local) {
    const next = accountOfRecord(l.record);
    const before = snapshot.get(id) ?? null;
    if (unreadable.has(id) && next === null) continue;
    if (!sameAccount(next, before)) changes.push({ id, expected: before && toStored(before), next: next && toStored(next) });
  }
  const applying = ctx.applying ?? (<T>(work: () => Promise<T>) => work());
  const applied = await applying(() => ctx.vault.applySyncedChanges(changes));
  report.skipped = applied.skipped.length;
  for (const c of changes) {
    if (applied.skipped.includes(c.id)) continue;
    const now = accountOfRecord(local.get(c.id)!.record);
    if (now) snapshot.set(c.id, now);
    else snapshot.delete(c.id);
  }
}

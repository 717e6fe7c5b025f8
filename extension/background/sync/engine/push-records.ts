// Step 4 of a sync: what the backend lacks out to it, each file written on the version this browser last saw, so a
// write another browser got in before fails instead of losing that browser's edit. Expired tombstones leave it here.
import { accountOfRecord, isRecordDeleted } from '../../../../src/shared/sync/sync-record.ts';
import { sealSyncRecord } from '../../../../src/shared/sync/sync-seal.ts';
import { DEFAULT_TOMBSTONE_TTL_MS } from '../../../../src/shared/sync/vault-merge.ts';
import type { FileWrite } from '../backend.ts';
import { notePushed, type LocalRecord } from './local-record.ts';
import { idOfFile, recordFileName } from './record-files.ts';
import type { SyncRun } from './sync-run.ts';

/** Writes every record the backend lacks; returns the names of the files whose write lost to another writer. */
export async function pushRecords(run: SyncRun): Promise<string[]> {
  const { ctx, local, report } = run;
  // Only a record that IS deleted: one brought back by a later edit keeps its file, whatever its old delete clock.
  const expired = (l: LocalRecord): boolean => l.record.deleted !== null && isRecordDeleted(l.record) && ctx.now() - l.record.deleted.t > DEFAULT_TOMBSTONE_TTL_MS;
  const writes: FileWrite[] = [];
  for (const [id, l] of local) {
    const name = recordFileName(id);
    if (expired(l) || (l.etag === null && l.record.deleted !== null && accountOfRecord(l.record) === null)) {
      // An expired tombstone goes from the backend; one of a record the backend never had has nobody to tell.
      if (l.etag !== null) writes.push({ name, data: null, ifMatch: l.etag });
      else run.gone.push(id);
      continue;
    }
    if (l.synced) continue;
    l.data ??= await sealSyncRecord(ctx.key, l.record);
    writes.push({ name, data: l.data, ifMatch: l.etag });
  }
  const conflicts: string[] = [];
  for (const outcome of writes.length > 0 ? await ctx.backend.write(writes) : []) {
    const id = idOfFile(outcome.name)!;
    const l = local.get(id)!;
    if (!outcome.ok) conflicts.push(outcome.name);
    else if (outcome.etag === null) run.gone.push(id);
    else {
      notePushed(l, outcome.etag);
      report.pushed += 1;
    }
  }
  for (const id of run.gone) local.delete(id);
  return conflicts;
}

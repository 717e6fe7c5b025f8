// Steps 3 and 4 of a sync, repeated: merged rows written, records pushed, and the files whose write conflicted read,
// merged and pushed again, until none conflicts or MAX_ROUNDS have passed (the rest waits for the next sync).
import { pullFiles } from './pull-files.ts';
import { pushRecords } from './push-records.ts';
import type { RowsRead } from './stamp-local-edits.ts';
import type { SyncRun } from './sync-run.ts';
import { writeMergedRows } from './write-rows.ts';

/** Conflicting writes are read, merged and written again this many times before the sync gives up until next time. */
export const MAX_ROUNDS = 4;

export async function mergeRounds(run: SyncRun, rows: RowsRead): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await writeMergedRows(run, rows);
    const conflicts = await pushRecords(run);
    if (conflicts.length === 0) break;
    await pullFiles(run, await run.ctx.backend.read(conflicts));
  }
}

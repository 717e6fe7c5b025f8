// The same account added here and in another browser (or brought into a synced vault by joining it) meets its twin
// in this sync: one is kept, with what the other had that it lacks, and the other is deleted (twins.ts).
import { canonical } from '../../../../src/shared/sync/sync-record.ts';
import { findTwins, foldTwin } from '../../../../src/shared/sync/twins.ts';
import { changeRecord } from './local-record.ts';
import type { SyncRun } from './sync-run.ts';

export function foldArrivedTwins(run: SyncRun): void {
  const { local, arrived, clock } = run;
  const candidates = [...local].map(([id, l]) => ({ record: l.record, arrived: arrived.has(id), onBackend: l.etag !== null }));
  for (const fold of findTwins(candidates)) {
    const kept = local.get(fold.keep)!;
    for (const id of fold.drop) {
      const l = local.get(id)!;
      const folded = foldTwin(kept.record, l.record, () => clock.tick());
      if (canonical(folded.kept) !== canonical(kept.record)) changeRecord(kept, folded.kept);
      changeRecord(l, folded.dropped);
    }
  }
}

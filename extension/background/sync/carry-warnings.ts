// One "Sync now" (or one scheduled sync) can run the engine more than once: a request that arrives during a run
// (the sync 3 s after an edit, an alarm) runs it again right after. The second run finds nothing wrong where the
// first repaired a damaged file, so its counts alone would hide from the user that the server misbehaved moments ago.
// Within one such request the warnings of every run are kept.
import type { SyncStatus } from '../../messages.ts';

type Counts = Pick<SyncStatus, 'refused' | 'merged' | 'stale' | 'withheld' | 'dropped'>;

/** The counts to report after a run: `next`'s, raised to `earlier`'s where an earlier run of the same request saw more. */
export function carryWarnings<T extends Counts>(earlier: Counts | null, next: T): T {
  if (!earlier) return next;
  return {
    ...next,
    refused: Math.max(earlier.refused, next.refused),
    merged: Math.max(earlier.merged, next.merged),
    stale: Math.max(earlier.stale ?? 0, next.stale ?? 0),
    withheld: Math.max(earlier.withheld ?? 0, next.withheld ?? 0),
    dropped: Math.max(earlier.dropped ?? 0, next.dropped ?? 0),
  };
}

// A request that arrives while a sync runs makes the same request run the engine again; the second run must not hide
// what the first one reported (a file repaired by the first run opens fine in the second).
import { describe, expect, it } from 'vitest';
import { carryWarnings } from '../../../../extension/background/sync/carry-warnings.ts';
import { runSyncNow } from '../../../../extension/background/sync/scheduler.ts';
import type { SyncStatus } from '../../../../extension/messages.ts';

const clean: SyncStatus = { lastSyncAt: 2, lastAttemptAt: 2, error: null, refused: 0, merged: 0, devices: [] };

describe('the warnings of one sync request', () => {
  it('keeps a refusal, a rollback and a merge that an earlier run of the request reported', () => {
    const first = { ...clean, refused: 1, stale: 2, merged: 1 };
    expect(carryWarnings(first, clean)).toEqual({ ...clean, refused: 1, stale: 2, merged: 1, withheld: 0, dropped: 0 });
  });

  it('reports the later run alone when it is the first run of its request, and never lowers a later count', () => {
    expect(carryWarnings(null, clean)).toBe(clean);
    expect(carryWarnings({ ...clean, refused: 1 }, { ...clean, refused: 3 }).refused).toBe(3);
  });

  it('runs again, as round 1, when a request arrives during a run, and resolves both callers after it', async () => {
    const rounds: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const run = async (round: number) => {
      rounds.push(round);
      if (round === 0) await gate;
    };
    const first = runSyncNow(run);
    const second = runSyncNow(run);
    release();
    await Promise.all([first, second]);
    expect(rounds).toEqual([0, 1]);
    // A fresh request starts counting again.
    await runSyncNow(run);
    expect(rounds).toEqual([0, 1, 0]);
  });
});

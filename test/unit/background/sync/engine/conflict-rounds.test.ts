// Conditional writes: a write another browser got in before fails, is read again, merged and written once more, and
// after MAX_ROUNDS the sync gives up until next time without losing the edit.
import { describe, expect, it } from 'vitest';
import { MAX_ROUNDS } from '../../../../../extension/background/sync/engine/merge-rounds.ts';
import { recordFileName } from '../../../../../extension/background/sync/engine/sync-once.ts';
import { FakeSyncBackend } from '../fake-sync-backend.ts';
import { twoSynced } from '../sync-browsers.ts';

/** Two synced browsers, with the backend's write log emptied: what the test does is all it counts. */
async function twoSyncedFresh() {
  const synced = await twoSynced();
  synced.backend.writes.length = 0;
  return synced;
}

const writesTo = (backend: FakeSyncBackend, name: string) => backend.writes.filter((w) => w.name === name).length;

describe('syncOnce: conflict rounds', () => {
  it('merges in the edit of a browser whose write landed between this one\'s read and write, and pushes the merge', async () => {
    const { backend, a, b } = await twoSyncedFresh();
    a.vault.edit('acc1', { notes: 'from a' });
    b.vault.edit('acc1', { favourite: true });
    backend.beforeWrite = async (writes) => {
      if (!writes.some((w) => w.name === recordFileName('acc1'))) return;
      backend.beforeWrite = null;
      await b.sync();
    };

    const report = await a.sync();
    await b.sync();

    expect(writesTo(backend, recordFileName('acc1'))).toBe(3); // b's write, a's conflicting one, a's merged one
    expect(report).toMatchObject({ merged: 1, pushed: 1 });
    expect(a.vault.accounts.get('acc1')!.record).toMatchObject({ notes: 'from a', favourite: true });
    expect(b.vault.accounts.get('acc1')!.record).toEqual(a.vault.accounts.get('acc1')!.record);
  });

  it(`gives up after ${MAX_ROUNDS} conflicting rounds, keeps the edit, and pushes it at the next sync`, async () => {
    const { backend, a, b } = await twoSyncedFresh();
    a.vault.edit('acc1', { notes: 'from a' });
    const name = recordFileName('acc1');
    // A writer that always gets in first: the file gets a new version (same content) before each of a's writes.
    backend.beforeWrite = (writes) => {
      if (writes.some((w) => w.name === name)) backend.put(name, backend.files.get(name)!.data);
    };

    const stuck = await a.sync();
    backend.beforeWrite = null;
    const next = await a.sync();
    await b.sync();

    expect(backend.writes.filter((w) => w.name === name)).toHaveLength(MAX_ROUNDS + 1);
    expect(stuck.pushed).toBe(0);
    expect(next.pushed).toBe(1);
    expect(b.vault.view()).toEqual({ GitHub: 'from a' });
  });

  it('takes another browser\'s manifest written in between, judges it, and writes its own over it', async () => {
    const { backend, a, b } = await twoSyncedFresh();
    a.vault.edit('acc1', { notes: 'from a' });
    backend.beforeWrite = async (writes) => {
      if (!writes.some((w) => w.name === 'manifest')) return;
      backend.beforeWrite = null;
      await b.sync();
    };

    const report = await a.sync();

    expect(Object.keys(report.manifest.devices).sort()).toEqual(['device-a', 'device-b']);
    expect(backend.writes.filter((w) => w.name === 'manifest').length).toBeGreaterThanOrEqual(3);
    expect((await b.sync()).refused).toEqual([]);
  });
});

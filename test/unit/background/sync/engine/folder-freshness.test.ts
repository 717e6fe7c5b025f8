// A hostile WebDAV server: an older folder (rollback) or another copy of it (fork) is refused whole; an older copy of
// one record is refused and reported (and repaired by a browser with the newer one); a new file held back (freeze)
// is reported until the server gives it. Storage sync, whose writes are not conditional, judges none of this.
import { describe, expect, it } from 'vitest';
import { FolderRefusedError, recordFileName } from '../../../../../extension/background/sync/engine/sync-once.ts';
import { syncFailure, twoSynced } from '../sync-browsers.ts';

async function verdictOf(p: Promise<unknown>): Promise<string> {
  const error = await p;
  expect(error).toBeInstanceOf(FolderRefusedError);
  return (error as FolderRefusedError).verdict;
}

describe('syncOnce: folder freshness', () => {
  it('refuses a folder rolled back to before this browser\'s last sync, and merges nothing from it', async () => {
    const { backend, a } = await twoSynced();
    const old = backend.snapshot();
    a.vault.edit('acc1', { notes: 'after the backup' });
    await a.sync();
    backend.restore(old);

    expect(await verdictOf(syncFailure(a))).toBe('rollback');
    expect(a.vault.view()).toEqual({ GitHub: 'after the backup' });
    expect(backend.files).toEqual(old);
  });

  it('refuses a fork: a folder at the same epoch that lacks this browser\'s last sync', async () => {
    const { backend, a, b } = await twoSynced();
    const shared = backend.snapshot();
    await a.sync();
    backend.restore(shared);
    await b.sync();

    expect(await verdictOf(syncFailure(a))).toBe('fork');
  });

  it('judges no rollback on the browser\'s sync storage, where an honest write can be lost', async () => {
    const { backend, a } = await twoSynced({ kind: 'storage-sync' });
    const old = backend.snapshot();
    await a.sync();
    backend.restore(old);

    const report = await a.sync();

    expect(report.refused).toEqual([]);
  });

  it('refuses an older copy of a record, reports it, and lets the browser with the newer copy repair the file', async () => {
    const { backend, clock, a, b } = await twoSynced();
    const name = recordFileName('acc1');
    const oldCopy = backend.files.get(name)!.data;
    a.vault.edit('acc1', { notes: 'newer' });
    await a.sync();
    backend.put(name, oldCopy);

    const behind = await b.sync();
    const viewBehind = b.vault.view();
    clock.now += 1000;
    const repairing = await a.sync();
    const after = await b.sync();

    expect(behind.stale).toEqual(['acc1']);
    expect(behind.pulled).toBe(0);
    expect(viewBehind).toEqual({ GitHub: '' });
    expect(repairing.stale).toEqual(['acc1']);
    expect(repairing.pushed).toBe(1);
    expect(after.stale).toEqual([]);
    expect(b.vault.view()).toEqual({ GitHub: 'newer' });
  });

  it('reports a record update the server lists but holds back (a freeze), and syncs it once given', async () => {
    const { backend, a, b } = await twoSynced();
    a.vault.edit('acc1', { notes: 'held back' });
    await a.sync();
    backend.withheld.add(recordFileName('acc1'));

    const frozen = await b.sync();
    backend.withheld.clear();
    const thawed = await b.sync();

    expect(frozen.withheld).toEqual(['acc1']);
    expect(thawed.withheld).toEqual([]);
    expect(b.vault.view()).toEqual({ GitHub: 'held back' });
  });
});

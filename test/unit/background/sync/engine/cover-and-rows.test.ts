// The parts around the merge: cover files pad a WebDAV folder (and only a WebDAV one), edits are stamped with the time
// they were made, the rows' write goes through the caller's `applying`, and a damaged sync row is rebuilt.
import { describe, expect, it } from 'vitest';
import { recordFileName, syncOnce } from '../../../../../extension/background/sync/engine/sync-once.ts';
import { coverTarget } from '../../../../../src/shared/sync/cover.ts';
import { isCoverFile, openSyncRecord } from '../../../../../src/shared/sync/sync-seal.ts';
import { FakeSyncBackend } from '../fake-sync-backend.ts';
import { MemorySyncVault } from '../memory-sync-vault.ts';
import { newBrowser, sharedKey, START } from '../sync-browsers.ts';

async function coverFiles(backend: FakeSyncBackend, key: CryptoKey): Promise<string[]> {
  const names: string[] = [];
  for (const name of backend.recordFiles()) if (await isCoverFile(key, name.slice(2), backend.files.get(name)!.data)) names.push(name);
  return names;
}

describe('syncOnce: cover files and sync rows', () => {
  it('pads a WebDAV folder with cover files up to the target, which another browser neither pulls nor reports', async () => {
    const backend = new FakeSyncBackend('webdav');
    const key = await sharedKey();
    const clock = { now: START };
    const a = newBrowser('a', backend, key, clock);
    const b = newBrowser('b', backend, key, clock);
    a.vault.add('acc1', 'GitHub');
    a.vault.add('acc2', 'GitLab');

    await a.sync();
    const report = await b.sync();

    expect(backend.recordFiles()).toHaveLength(coverTarget(2));
    expect(await coverFiles(backend, key)).toHaveLength(coverTarget(2) - 2);
    expect(report).toMatchObject({ pulled: 2, refused: [] });
    expect(Object.keys(b.vault.view()).sort()).toEqual(['GitHub', 'GitLab']);
  });

  it('rewrites some cover files beside a sync that pushed a record, so the edit is not the only file changed', async () => {
    const backend = new FakeSyncBackend('webdav');
    const key = await sharedKey();
    const clock = { now: START };
    const a = newBrowser('a', backend, key, clock);
    a.vault.add('acc1', 'GitHub');
    await a.sync();
    const before = backend.snapshot();
    clock.now += 1000;
    a.vault.edit('acc1', { notes: 'edited' });

    await a.sync();

    const changed = backend.recordFiles().filter((n) => backend.files.get(n)!.etag !== before.get(n)?.etag);
    expect(changed).toContain(recordFileName('acc1'));
    expect(changed.length).toBeGreaterThan(1);
  });

  it('writes no cover files to the browser\'s sync storage', async () => {
    const backend = new FakeSyncBackend('storage-sync');
    const a = newBrowser('a', backend, await sharedKey(), { now: START });
    a.vault.add('acc1', 'GitHub');

    await a.sync();

    expect(backend.recordFiles()).toEqual([recordFileName('acc1')]);
  });

  it('stamps an edit with the time it was made here, not the time of the sync', async () => {
    const backend = new FakeSyncBackend();
    const key = await sharedKey();
    const vault = new MemorySyncVault();
    vault.add('acc1', 'GitHub');
    const editedAt = START - 60_000;
    let applied = 0;

    await syncOnce({
      backend, vault, key, device: { id: 'device-a', name: 'a' }, now: () => START, editTimes: new Map([['acc1', editedAt]]),
      applying: async (work) => {
        applied += 1;
        return work();
      },
    });

    const record = await openSyncRecord(key, 'acc1', backend.files.get(recordFileName('acc1'))!.data, START);
    expect(record.fields.issuer.clock.t).toBe(editedAt);
    expect(applied).toBe(1);
  });

  it('rebuilds a damaged sync row from the account rows and the backend, without reporting the backend file', async () => {
    const backend = new FakeSyncBackend();
    const key = await sharedKey();
    const clock = { now: START };
    const a = newBrowser('a', backend, key, clock);
    a.vault.add('acc1', 'GitHub');
    await a.sync();
    a.vault.syncRows.set(recordFileName('acc1'), { ...a.vault.syncRows.get(recordFileName('acc1'))!, data: 'damaged' });

    const report = await a.sync();

    expect(report.refused).toEqual([]);
    expect(a.vault.view()).toEqual({ GitHub: '' });
    const row = a.vault.syncRows.get(recordFileName('acc1'))!;
    expect((await openSyncRecord(key, 'acc1', row.data, START)).fields.issuer.value).toBe('GitHub');
  });
});

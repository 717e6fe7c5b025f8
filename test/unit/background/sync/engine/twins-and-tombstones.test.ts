// Joining with a vault of one's own: the same account on both sides is kept once. Deletes travel as tombstones,
// which leave the backend once expired; a browser that never saw one learns of the delete from the manifest.
import { describe, expect, it } from 'vitest';
import { recordFileName } from '../../../../../extension/background/sync/engine/sync-once.ts';
import { FakeSyncBackend } from '../fake-sync-backend.ts';
import { accountRecord } from '../memory-sync-vault.ts';
import { DAY, newBrowser, sharedKey, START } from '../sync-browsers.ts';

async function twoBrowsers() {
  const backend = new FakeSyncBackend();
  const key = await sharedKey();
  const clock = { now: START };
  return { backend, clock, a: newBrowser('a', backend, key, clock), b: newBrowser('b', backend, key, clock) };
}

describe('syncOnce: joined vaults and tombstones', () => {
  it('merges a joining browser\'s own accounts in and keeps an account both had only once, the synced copy', async () => {
    const { backend, clock, a, b } = await twoBrowsers();
    a.vault.add('acc1', 'GitHub');
    await a.sync();
    clock.now += 1000;
    b.vault.add('mine1', 'GitHub', { notes: 'only b had notes' });
    b.vault.add('mine2', 'Mastodon');

    await b.sync();
    await a.sync();

    expect([...b.vault.accounts.keys()].sort()).toEqual(['acc1', 'mine2']);
    expect(b.vault.view()).toEqual({ GitHub: 'only b had notes', Mastodon: '' });
    expect(a.vault.view()).toEqual(b.vault.view());
    // The folded twin never reached the backend: its tombstone has nobody to tell.
    expect(backend.files.has(recordFileName('mine1'))).toBe(false);
    expect(backend.files.has(recordFileName('mine2'))).toBe(true);
  });

  it('leaves two identical accounts alone when they were already together before the sync', async () => {
    const { a, b } = await twoBrowsers();
    a.vault.add('acc1', 'GitHub');
    a.vault.add('acc2', 'GitHub', accountRecord('GitHub'));
    await a.sync();

    await b.sync();

    expect([...b.vault.accounts.keys()].sort()).toEqual(['acc1', 'acc2']);
  });

  it('pushes nothing for an account added and deleted between two syncs', async () => {
    const { backend, a } = await twoBrowsers();
    a.vault.add('acc1', 'GitHub');
    await a.sync();
    a.vault.add('brief', 'Brief');
    await a.sync();
    a.vault.accounts.delete('brief');
    const backendBefore = backend.recordFiles();

    await a.sync();

    expect(backend.recordFiles()).toEqual(backendBefore);
    expect(backend.files.has(recordFileName('acc1'))).toBe(true);
  });

  it('removes an expired tombstone from the backend and forgets it on every browser', async () => {
    const { backend, clock, a, b } = await twoBrowsers();
    a.vault.add('acc1', 'GitHub');
    await a.sync();
    await b.sync();
    clock.now += 1000;
    a.vault.accounts.delete('acc1');
    await a.sync();
    await b.sync();
    expect(b.vault.view()).toEqual({});

    clock.now += 91 * DAY;
    await a.sync();
    await b.sync();

    expect(backend.files.has(recordFileName('acc1'))).toBe(false);
    expect(a.vault.syncRows.has(recordFileName('acc1'))).toBe(false);
    expect(b.vault.syncRows.has(recordFileName('acc1'))).toBe(false);
  });

  it('drops an account a browser never saw deleted once its expired tombstone has left the backend, and reports it', async () => {
    const { clock, a, b } = await twoBrowsers();
    a.vault.add('acc1', 'GitHub');
    a.vault.add('acc2', 'GitLab');
    await a.sync();
    await b.sync();
    clock.now += 1000;
    a.vault.accounts.delete('acc1');
    await a.sync();

    clock.now += 91 * DAY;
    await a.sync();
    const report = await b.sync();

    expect(report.dropped).toEqual(['acc1']);
    expect(b.vault.view()).toEqual({ GitLab: '' });
  });
});

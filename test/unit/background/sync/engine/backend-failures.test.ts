// A backend that fails mid-sync (offline, out of room): the sync stops with the backend's error, this browser's
// record of what it synced is left as it was, and the next sync that can reach the backend loses nothing.
import { describe, expect, it } from 'vitest';
import { SyncBackendError, type SyncFailureCode } from '../../../../../extension/background/sync/backend.ts';
import { KEY_BUNDLE_FILE } from '../../../../../extension/background/sync/key-bundle.ts';
import { createStorageSyncBackend } from '../../../../../extension/background/sync/storage-sync-backend.ts';
import { STORAGE_SYNC_QUOTA } from '../../../../../extension/background/sync/storage-sync-layout.ts';
import { FakeSyncStorage } from '../fake-sync-storage.ts';
import { newBrowser, sharedKey, START, syncFailure, twoSynced } from '../sync-browsers.ts';

async function failureCode(p: Promise<unknown>): Promise<SyncFailureCode> {
  const error = await p;
  expect(error).toBeInstanceOf(SyncBackendError);
  return (error as SyncBackendError).code;
}

describe('syncOnce: backend failures', () => {
  it('stops offline before reading anything and leaves this browser\'s sync rows untouched', async () => {
    const { backend, a } = await twoSynced();
    a.vault.edit('acc1', { notes: 'offline edit' });
    const rowsBefore = await a.vault.readSyncRows();
    backend.failNext('list', 'offline');

    expect(await failureCode(syncFailure(a))).toBe('offline');
    expect(await a.vault.readSyncRows()).toEqual(rowsBefore);
  });

  for (const [code, when] of [['offline', 'the server goes away'], ['quota', 'the server is out of room']] as const) {
    it(`loses nothing when ${when} in the middle of pushing: the next sync finishes on both sides`, async () => {
      const { backend, a, b } = await twoSynced();
      a.vault.edit('acc1', { notes: 'from a' });
      a.vault.add('acc2', 'GitLab');
      b.vault.edit('acc1', { favourite: true });
      backend.failNext('write', code);

      expect(await failureCode(syncFailure(a))).toBe(code);
      await a.sync();
      await b.sync();
      await a.sync();

      expect(a.vault.accounts.get('acc1')!.record).toMatchObject({ notes: 'from a', favourite: true });
      expect(b.vault.accounts.get('acc1')!.record).toEqual(a.vault.accounts.get('acc1')!.record);
      expect(b.vault.view()).toEqual({ GitHub: 'from a', GitLab: '' });
    });
  }

  it('tells quota when the browser\'s sync storage is full, and syncs once there is room', async () => {
    const small = { ...STORAGE_SYNC_QUOTA, QUOTA_BYTES: 12_000 };
    const area = new FakeSyncStorage(small);
    const backend = createStorageSyncBackend(area, small);
    await backend.write([{ name: KEY_BUNDLE_FILE, data: '{"format":1}', ifMatch: null }]);
    const key = await sharedKey();
    const clock = { now: START };
    const a = newBrowser('a', backend, key, clock);
    const b = newBrowser('b', backend, key, clock);
    for (let i = 0; i < 12; i++) a.vault.add(`acc${i}`, `Issuer ${i}`);

    expect(await failureCode(syncFailure(a))).toBe('quota');
    for (let i = 4; i < 12; i++) a.vault.accounts.delete(`acc${i}`);
    await a.sync();
    await b.sync();

    expect(Object.keys(b.vault.view()).sort()).toEqual(['Issuer 0', 'Issuer 1', 'Issuer 2', 'Issuer 3']);
  });
});

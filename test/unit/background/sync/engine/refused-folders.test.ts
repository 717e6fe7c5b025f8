// Files that do not open: a damaged one is refused and reported while the others go on (and a browser with a good
// copy repairs it); a folder of another vault, one whose key was rotated elsewhere, or one without a key file stops
// the sync before anything is written.
import { describe, expect, it } from 'vitest';
import {
  FolderRefusedError, KeyRotatedError, MANIFEST_FILE, NoKeyFileError, OtherVaultError, recordFileName,
} from '../../../../../extension/background/sync/engine/sync-once.ts';
import { KEY_BUNDLE_FILE } from '../../../../../extension/background/sync/key-bundle.ts';
import {
  isCoverFile, openManifest, openSyncRecord, sealCoverFile, sealManifest, sealSyncRecord,
} from '../../../../../src/shared/sync/sync-seal.ts';
import { FakeSyncBackend } from '../fake-sync-backend.ts';
import { newBrowser, sharedKey, START, syncFailure, twoSynced } from '../sync-browsers.ts';

/** Every file sealed again under `next`, as Rotate sync key does in another browser. */
async function resealAll(backend: FakeSyncBackend, key: CryptoKey, next: CryptoKey): Promise<void> {
  for (const [name, file] of backend.snapshot()) {
    if (name === KEY_BUNDLE_FILE) continue;
    if (name === MANIFEST_FILE) {
      backend.put(name, await sealManifest(next, await openManifest(key, file.data, START)));
      continue;
    }
    const id = name.slice('r-'.length);
    const data = (await isCoverFile(key, id, file.data))
      ? await sealCoverFile(next, id)
      : await sealSyncRecord(next, await openSyncRecord(key, id, file.data, START));
    backend.put(name, data);
  }
}

describe('syncOnce: files and folders it refuses', () => {
  it('refuses and reports a damaged record file while the other accounts still sync', async () => {
    const { backend, key, clock, a } = await twoSynced({ issuers: ['GitHub', 'GitLab'] });
    backend.put(recordFileName('acc2'), await sealSyncRecord(key, await openSyncRecord(key, 'acc1', backend.files.get(recordFileName('acc1'))!.data, clock.now)));
    const fresh = newBrowser('c', backend, key, clock);

    const report = await fresh.sync();

    expect(report.refused).toEqual([recordFileName('acc2')]);
    expect(fresh.vault.view()).toEqual({ GitHub: '' });
    expect(a.vault.view()).toEqual({ GitHub: '', GitLab: '' });
  });

  it('repairs a damaged file from a browser holding a good copy, on the damaged file\'s version', async () => {
    const { backend, key, clock, a, b } = await twoSynced({ issuers: ['GitHub', 'GitLab'] });
    backend.put(recordFileName('acc2'), '{"not":"sealed"}');

    const repairing = await a.sync();
    const after = await b.sync();

    expect(repairing.refused).toEqual([recordFileName('acc2')]);
    expect(repairing.pushed).toBe(1);
    expect((await openSyncRecord(key, 'acc2', backend.files.get(recordFileName('acc2'))!.data, clock.now)).fields.issuer.value).toBe('GitLab');
    expect(after.refused).toEqual([]);
    expect(b.vault.view()).toEqual({ GitHub: '', GitLab: '' });
  });

  it('reports a damaged manifest and writes a good one over it', async () => {
    const { backend, key, clock, a, b } = await twoSynced({ issuers: ['GitHub', 'GitLab'] });
    backend.put(MANIFEST_FILE, 'garbage');

    const report = await a.sync();

    const rewritten = await openManifest(key, backend.files.get(MANIFEST_FILE)!.data, clock.now);
    expect(report.refused).toEqual([MANIFEST_FILE]);
    expect(Object.keys(rewritten.devices)).toEqual(['device-a']);
    expect(rewritten.epoch).toBe(report.epoch);
    expect(Object.keys(rewritten.records ?? {}).sort()).toEqual(['acc1', 'acc2']);
    // B synced after the last manifest A accepted: the repair cannot hold B's last entry, and B cannot tell it from a
    // fork (docs/sync.md, "Out of reach"). It says so rather than merging.
    const error = await syncFailure(b);
    expect(error).toBeInstanceOf(FolderRefusedError);
    expect((error as FolderRefusedError).verdict).toBe('fork');
  });

  it('rebuilds a damaged manifest on the last one it accepted: a browser whose last sync that one held goes on', async () => {
    const { backend, key, clock, a, b } = await twoSynced({ issuers: ['GitHub', 'GitLab'] });
    // A syncs after B: the manifest A accepts holds B's last entry.
    await a.sync();
    clock.now += 1000;
    backend.put(MANIFEST_FILE, 'garbage');

    const report = await a.sync();
    b.vault.add('acc3', 'Gitea');
    const onB = await b.sync();
    await a.sync();

    expect(report.refused).toEqual([MANIFEST_FILE]);
    const rewritten = await openManifest(key, backend.files.get(MANIFEST_FILE)!.data, clock.now);
    expect(Object.keys(rewritten.devices).sort()).toEqual(['device-a', 'device-b']);
    expect(onB.refused).toEqual([]);
    expect(a.vault.view()).toEqual({ GitHub: '', GitLab: '', Gitea: '' });
  });

  it('refuses a folder of record files sealed under another key (another vault) and writes nothing', async () => {
    const backend = new FakeSyncBackend();
    const clock = { now: START };
    const other = newBrowser('other', backend, await sharedKey(), clock);
    other.vault.add('theirs', 'Theirs');
    await other.sync();
    backend.files.delete(MANIFEST_FILE);
    const before = backend.snapshot();
    const mine = newBrowser('mine', backend, await sharedKey(), clock);
    mine.vault.add('acc1', 'GitHub');

    const error = await syncFailure(mine);

    expect(error).toBeInstanceOf(OtherVaultError);
    expect(backend.files).toEqual(before);
  });

  it('refuses a folder swapped for another vault\'s, manifest included, writes nothing, and syncs once it is back', async () => {
    const backend = new FakeSyncBackend();
    const clock = { now: START };
    const ours = await sharedKey();
    const first = newBrowser('first', backend, ours, clock);
    first.vault.add('acc1', 'GitHub');
    await first.sync();
    const ourFolder = backend.snapshot();
    // The server shows another vault's folder instead: its records, cover files and manifest, all under its key.
    backend.restore(new Map([[KEY_BUNDLE_FILE, ourFolder.get(KEY_BUNDLE_FILE)!]]));
    const other = newBrowser('other', backend, await sharedKey(), clock);
    other.vault.add('theirs', 'Theirs');
    await other.sync();
    expect(backend.files.has(MANIFEST_FILE)).toBe(true);
    const theirFolder = backend.snapshot();
    const writesBefore = backend.writes.length;
    const joiner = newBrowser('joiner', backend, ours, clock);
    joiner.vault.add('acc2', 'GitLab');

    const joinerError = await syncFailure(joiner);
    const firstError = await syncFailure(first);

    expect(joinerError).toBeInstanceOf(OtherVaultError);
    // This browser synced with the folder before: the code tells that apart as a sync key rotated elsewhere.
    expect(firstError).toBeInstanceOf(KeyRotatedError);
    expect(backend.writes.length).toBe(writesBefore);
    expect(backend.files).toEqual(theirFolder);
    expect(joiner.vault.view()).toEqual({ GitLab: '' });

    backend.restore(ourFolder);
    await joiner.sync();
    await first.sync();

    expect(joiner.vault.view()).toEqual({ GitHub: '', GitLab: '' });
    expect(first.vault.view()).toEqual({ GitHub: '', GitLab: '' });
  });

  it('stops with KeyRotatedError when every changed file and the manifest open only under a new key', async () => {
    const { backend, key, a } = await twoSynced({ issuers: ['GitHub', 'GitLab'] });
    await resealAll(backend, key, await sharedKey());
    const before = backend.snapshot();

    const error = await syncFailure(a);

    expect(error).toBeInstanceOf(KeyRotatedError);
    expect(backend.files).toEqual(before);
    expect(a.vault.view()).toEqual({ GitHub: '', GitLab: '' });
  });

  it('stops with NoKeyFileError in a folder that lost its key file', async () => {
    const { backend, a } = await twoSynced({ issuers: ['GitHub', 'GitLab'] });
    backend.files.delete(KEY_BUNDLE_FILE);

    expect(await syncFailure(a)).toBeInstanceOf(NoKeyFileError);
  });
});

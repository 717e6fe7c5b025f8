// The engine's everyday path in Node: a first push, another browser pulling it, edits and deletes going both ways.
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, recordFileName } from '../../../../../extension/background/sync/engine/sync-once.ts';
import { openManifest, openSyncRecord } from '../../../../../src/shared/sync/sync-seal.ts';
import { FakeSyncBackend } from '../fake-sync-backend.ts';
import { newBrowser, sharedKey, START } from '../sync-browsers.ts';

async function setup() {
  const backend = new FakeSyncBackend();
  const key = await sharedKey();
  const clock = { now: START };
  return { backend, key, clock, a: newBrowser('a', backend, key, clock), b: newBrowser('b', backend, key, clock) };
}

describe('syncOnce: push and pull', () => {
  it('pushes every account of a first sync as a sealed record file and writes a manifest naming the browser', async () => {
    const { backend, key, a } = await setup();
    a.vault.add('acc1', 'GitHub');
    a.vault.add('acc2', 'GitLab');

    const report = await a.sync();

    expect(report.pushed).toBe(2);
    expect(report.pulled).toBe(0);
    expect(report.epoch).toBe(1);
    const record = await openSyncRecord(key, 'acc1', backend.files.get(recordFileName('acc1'))!.data, START);
    expect(record.fields.issuer.value).toBe('GitHub');
    expect(backend.files.get(recordFileName('acc1'))!.data).not.toContain('GitHub');
    const manifest = await openManifest(key, backend.files.get(MANIFEST_FILE)!.data, START);
    expect(Object.keys(manifest.devices)).toEqual(['device-a']);
    expect(Object.keys(manifest.records ?? {}).sort()).toEqual(['acc1', 'acc2']);
  });

  it('brings another browser\'s accounts into this one, and a second sync with nothing new moves nothing', async () => {
    const { a, b } = await setup();
    a.vault.add('acc1', 'GitHub');
    await a.sync();

    const first = await b.sync();
    const again = await b.sync();

    expect(first.pulled).toBe(1);
    expect(b.vault.view()).toEqual({ GitHub: '' });
    expect(again).toMatchObject({ pulled: 0, pushed: 0, merged: 0, refused: [] });
  });

  it('carries an edit and a delete from one browser to the other', async () => {
    const { a, b, clock } = await setup();
    a.vault.add('acc1', 'GitHub');
    a.vault.add('acc2', 'GitLab');
    await a.sync();
    await b.sync();

    clock.now += 1000;
    a.vault.edit('acc1', { notes: 'work' });
    a.vault.accounts.delete('acc2');
    await a.sync();
    await b.sync();

    expect(b.vault.view()).toEqual({ GitHub: 'work' });
  });

  it('merges edits made on both browsers to different fields of one account, the same on both', async () => {
    const { a, b, clock } = await setup();
    a.vault.add('acc1', 'GitHub');
    await a.sync();
    await b.sync();

    clock.now += 1000;
    a.vault.edit('acc1', { notes: 'from a' });
    b.vault.edit('acc1', { favourite: true });
    await a.sync();
    const report = await b.sync();
    await a.sync();

    expect(report.merged).toBe(1);
    expect(a.vault.accounts.get('acc1')!.record).toMatchObject({ notes: 'from a', favourite: true });
    expect(b.vault.accounts.get('acc1')!.record).toEqual(a.vault.accounts.get('acc1')!.record);
  });

  it('leaves a row the user changed while the sync ran for the next sync, which then carries it', async () => {
    const { a, b, clock } = await setup();
    a.vault.add('acc1', 'GitHub');
    await a.sync();
    await b.sync();
    clock.now += 1000;
    a.vault.edit('acc1', { notes: 'from a' });
    await a.sync();
    b.vault.beforeApply = () => {
      b.vault.beforeApply = null;
      b.vault.edit('acc1', { notes: 'typed on b meanwhile' });
    };

    const during = await b.sync();
    clock.now += 1000;
    await b.sync();
    await a.sync();

    expect(during.skipped).toBe(1);
    expect(b.vault.view()).toEqual({ GitHub: 'typed on b meanwhile' });
    expect(a.vault.view()).toEqual({ GitHub: 'typed on b meanwhile' });
  });

  it('never takes a row that does not open for a deletion', async () => {
    const { a, b } = await setup();
    a.vault.add('acc1', 'GitHub');
    await a.sync();
    a.vault.accounts.delete('acc1');
    a.vault.corrupt.set('acc1', 0);

    const report = await a.sync();
    await b.sync();

    expect(report.pushed).toBe(0);
    expect(b.vault.view()).toEqual({ GitHub: '' });
  });
});

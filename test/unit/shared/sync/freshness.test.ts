// The manifest's promises: record marks only grow under merging, an older file is told apart, and an older or forked
// folder is refused while an honest one (or one written before epochs) is accepted.
import { describe, expect, it } from 'vitest';
import {
  deleteRecord, editRecord, generateDataKey, mergeRecords, openManifest, recordFromAccount, sealManifest, SyncError, type SyncManifest,
} from '../../../../src/shared/index.ts';
import {
  isExpiredMark, isOlderMark, judgeFolder, laterMark, markOf, mergeMarks, pruneMarks, stateDigest, wasPruned,
} from '../../../../src/shared/sync/freshness.ts';
import { mergeManifests } from '../../../../src/shared/sync/sync-seal.ts';
import { at, syncedAccount, T0 } from './sync-fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;
const v1 = recordFromAccount('acc-1', syncedAccount({ recoveryCodes: [{ code: 'c-1', used: false }, { code: 'c-2', used: false }] }), at(T0));
const v2 = editRecord(v1, { notes: 'new phone' }, at(T0 + 10, 'dev-b'));

describe('record marks', () => {
  it('tells an older copy of a record from the same or a newer one', () => {
    expect(isOlderMark(markOf(v1), markOf(v2))).toBe(true);
    expect(isOlderMark(markOf(v2), markOf(v1))).toBe(false);
    expect(isOlderMark(markOf(v2), markOf(v2))).toBe(false);
  });

  it('tells apart a copy that lost a used recovery code, though using a code stamps no clock', () => {
    const used = editRecord(v2, { recoveryCodes: [{ code: 'c-1', used: true }, { code: 'c-2', used: false }] }, at(T0 + 20));
    expect(markOf(used).t).toBe(markOf(v2).t);
    expect(isOlderMark(markOf(v2), markOf(used))).toBe(true);
  });

  it('never goes down when records merge, so an honest writer never leaves a file below a mark', () => {
    const other = deleteRecord(v1, at(T0 + 5, 'dev-c'));
    const merged = mergeRecords(v2, other);
    for (const side of [v2, other]) expect(isOlderMark(markOf(merged), markOf(side))).toBe(false);
    expect(laterMark(markOf(v2), markOf(other))).toEqual(markOf(merged));
  });

  it('merges marks per record as a join: order and repetition do not matter', () => {
    const a = { x: markOf(v1), y: markOf(v2) };
    const b = { x: markOf(v2), z: markOf(v1) };
    expect(mergeMarks(a, b)).toEqual(mergeMarks(b, a));
    expect(mergeMarks(mergeMarks(a, b), b)).toEqual(mergeMarks(a, b));
    expect(mergeMarks(a, b).x).toEqual(markOf(v2));
  });

  it('drops the mark of a tombstone once it has been kept 90 days, and only of a tombstone', () => {
    const gone = markOf(deleteRecord(v2, at(T0 + 20)));
    expect(gone.deleted).toBe(true);
    expect(isExpiredMark(gone, T0 + 89 * DAY)).toBe(false);
    expect(isExpiredMark(gone, T0 + 91 * DAY)).toBe(true);
    expect(Object.keys(pruneMarks({ gone, live: markOf(v2) }, T0 + 91 * DAY))).toEqual(['live']);
  });
});

describe('judging the folder the server shows', () => {
  const mine = at(T0 + 100, 'me');
  it('accepts any folder the first time, including one written before manifests had an epoch', () => {
    expect(judgeFolder(null, { epoch: null, ownClock: null })).toBe('ok');
    expect(judgeFolder(null, { epoch: 3, ownClock: null })).toBe('ok');
    expect(judgeFolder({ epoch: 0, ownClock: null }, { epoch: null, ownClock: null })).toBe('ok');
  });

  it('accepts the same or a later epoch that still holds this browser\'s last entry', () => {
    expect(judgeFolder({ epoch: 7, ownClock: mine }, { epoch: 7, ownClock: mine })).toBe('ok');
    expect(judgeFolder({ epoch: 7, ownClock: mine }, { epoch: 9, ownClock: at(T0 + 200, 'me') })).toBe('ok');
  });

  it('refuses an older epoch, a manifest without one after one was accepted, and no manifest at all as a rollback', () => {
    expect(judgeFolder({ epoch: 7, ownClock: mine }, { epoch: 6, ownClock: mine })).toBe('rollback');
    expect(judgeFolder({ epoch: 7, ownClock: mine }, { epoch: null, ownClock: mine })).toBe('rollback');
    expect(judgeFolder({ epoch: 7, ownClock: mine }, null)).toBe('rollback');
  });

  it('refuses a later epoch that lost this browser\'s last entry as a fork', () => {
    expect(judgeFolder({ epoch: 7, ownClock: mine }, { epoch: 12, ownClock: at(T0 + 50, 'me') })).toBe('fork');
    expect(judgeFolder({ epoch: 7, ownClock: mine }, { epoch: 12, ownClock: null })).toBe('fork');
  });
});

const key = await generateDataKey();

describe('the sealed manifest with epoch and marks', () => {
  const manifest: SyncManifest = {
    format: 1, epoch: 4, records: { 'acc-1': markOf(v2), 'acc-2': markOf(deleteRecord(v1, at(T0 + 3))) },
    devices: { me: { name: 'Laptop', lastSyncAt: T0, clock: at(T0, 'me') } },
  };

  it('round-trips, and an old manifest without an epoch still opens (without one)', async () => {
    expect(await openManifest(key, await sealManifest(key, manifest), T0)).toEqual(manifest);
    const old = await openManifest(key, await sealManifest(key, { format: 1, devices: manifest.devices }), T0);
    expect(old.epoch).toBeUndefined();
    expect(old.records).toBeUndefined();
  });

  it('refuses a mark far in the future, as it refuses any future clock', async () => {
    const future = { ...manifest, records: { 'acc-1': { t: T0 + 10 * DAY, c: 0, used: 0, deleted: false } } };
    const err = await openManifest(key, await sealManifest(key, future), T0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect((err as SyncError).code).toBe('future-clock');
  });

  it('merges two manifests to the higher epoch and the later mark of each record', () => {
    const other: SyncManifest = { format: 1, epoch: 6, records: { 'acc-1': markOf(v1), 'acc-3': markOf(v1) }, devices: {} };
    const merged = mergeManifests(manifest, other);
    expect(merged.epoch).toBe(6);
    expect(merged.records).toEqual({ 'acc-1': markOf(v2), 'acc-2': manifest.records!['acc-2'], 'acc-3': markOf(v1) });
    expect(mergeManifests(other, manifest)).toEqual(merged);
  });
});

describe('the state digest', () => {
  it('is the same for the same marks in any order, and differs when one record differs', async () => {
    const a = await stateDigest({ x: markOf(v1), y: markOf(v2) });
    expect(a).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(await stateDigest({ y: markOf(v2), x: markOf(v1) })).toBe(a);
    expect(await stateDigest({ x: markOf(v2), y: markOf(v2) })).not.toBe(a);
  });
});

describe('a tombstone that expired while this browser was away', () => {
  const live = markOf(v2);
  it('is told by its mark leaving a manifest this browser had seen it in', () => {
    expect(wasPruned('acc-1', { 'acc-1': live }, {})).toBe(true);
  });

  it('is not assumed when the manifest still lists the record (the server withholds the file instead)', () => {
    expect(wasPruned('acc-1', { 'acc-1': live }, { 'acc-1': live })).toBe(false);
  });

  it('is not assumed from a manifest written before marks, nor for a record this browser never saw listed', () => {
    expect(wasPruned('acc-1', { 'acc-1': live }, undefined)).toBe(false);
    expect(wasPruned('acc-1', undefined, {})).toBe(false);
    expect(wasPruned('acc-1', {}, {})).toBe(false);
  });

  it('is what an honest writer leaves: pruning drops only tombstones past 90 days, so a live account keeps its mark', () => {
    const gone = markOf(deleteRecord(v2, at(T0 + 20)));
    const written = pruneMarks(mergeMarks({ 'acc-1': gone, 'acc-2': live }, {}), T0 + 91 * DAY);
    expect(wasPruned('acc-1', { 'acc-1': live, 'acc-2': live }, written)).toBe(true);
    expect(wasPruned('acc-2', { 'acc-1': live, 'acc-2': live }, written)).toBe(false);
  });
});

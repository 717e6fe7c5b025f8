// Merging whole vaults: union of ids, tombstone expiry apart, and ids chosen by a hostile backend.
import { describe, expect, it } from 'vitest';
import {
  accountOfRecord, deleteRecord, generateDataKey, mergeManifests, mergeStates, openManifest, pruneTombstones, recordFromAccount,
  sealManifest, type SyncState,
} from '../../../../src/shared/index.ts';
import { at, syncedAccount, T0 } from './sync-fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('vault merge', () => {
  it('keeps the accounts of both sides and merges those both hold', () => {
    const a: SyncState = { x: recordFromAccount('x', syncedAccount({ notes: 'a' }), at(T0)) };
    const b: SyncState = { y: recordFromAccount('y', syncedAccount(), at(T0, 'dev-b')), x: deleteRecord(a.x!, at(T0 + 1, 'dev-b')) };
    const merged = mergeStates(a, b);
    expect(Object.keys(merged)).toEqual(['x', 'y']);
    expect(accountOfRecord(merged.x!)).toBeNull();
  });

  it('keeps a record whose id is "__proto__" as a record, without touching any prototype', () => {
    const hostile = JSON.parse('{"__proto__": 1}') as object;
    expect(Object.keys(hostile)).toEqual(['__proto__']);
    const record = recordFromAccount('__proto__', syncedAccount(), at(T0));
    const merged = mergeStates({}, { ['__proto__']: record });
    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(pruneTombstones(merged, T0))).toEqual(['__proto__']);
  });

  it('prunes tombstones older than 90 days and nothing else, and a pruned account comes back from a device that still holds it', () => {
    const live = recordFromAccount('live', syncedAccount(), at(T0));
    const gone = deleteRecord(recordFromAccount('gone', syncedAccount(), at(T0)), at(T0 + 1));
    const state: SyncState = { live, gone };
    expect(Object.keys(pruneTombstones(state, T0 + 89 * DAY))).toEqual(['live', 'gone']);
    const pruned = pruneTombstones(state, T0 + 91 * DAY);
    expect(Object.keys(pruned)).toEqual(['live']);
    const offlineDevice: SyncState = { gone: recordFromAccount('gone', syncedAccount(), at(T0)) };
    expect(accountOfRecord(mergeStates(pruned, offlineDevice).gone!)).not.toBeNull();
  });

  it('merges and opens a manifest naming a device "__proto__" as an ordinary entry', async () => {
    const key = await generateDataKey();
    const entry = { name: 'odd', lastSyncAt: T0, clock: at(T0, '__proto__') };
    const manifest = { format: 1 as const, devices: Object.fromEntries([['__proto__', entry]]) };
    const opened = await openManifest(key, await sealManifest(key, manifest), T0);
    expect(Object.keys(opened.devices)).toEqual(['__proto__']);
    expect(Object.keys(mergeManifests(opened, { format: 1, devices: {} }).devices)).toEqual(['__proto__']);
  });
});

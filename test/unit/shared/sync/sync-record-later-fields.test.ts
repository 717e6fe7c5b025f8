// Groups and the favourite flag sync field by field, and sealed files from before them still open and merge.
import { describe, expect, it } from 'vitest';
import {
  accountOfRecord, base64ToBytes, editRecord, generateDataKey, mergeStates, openSyncRecord, openWithKey, recordFromAccount, sealSyncRecord, sealWithKey,
  SYNC_PAD_BUCKET, SyncError, syncRecordAad, tickHlc, type SyncRecord, type SyncState,
} from '../../../../src/shared/index.ts';
import { at, syncedAccount, T0 } from './sync-fixtures.ts';

const key = await generateDataKey();
const base = recordFromAccount('acc-1', syncedAccount(), at(T0));

/** The plaintext a sealed record holds: { format, id, devices, fields: { name: [value, t, c, device index] }, usedCodes, deleted }. */
type Body = { id: string; format: number; devices: string[]; fields: Record<string, unknown[]>; usedCodes: string[]; deleted: unknown };

async function bodyOf(record: SyncRecord): Promise<Body> {
  const opened = await openWithKey(key, JSON.parse(await sealSyncRecord(key, record)), syncRecordAad(record.id));
  return JSON.parse(new TextDecoder().decode(opened)) as Body;
}

async function sealBody(body: Body): Promise<string> {
  const json = JSON.stringify(body);
  const padded = new TextEncoder().encode(json.padEnd(Math.ceil((json.length + 1) / SYNC_PAD_BUCKET) * SYNC_PAD_BUCKET, ' '));
  return JSON.stringify(await sealWithKey(key, padded, syncRecordAad(body.id)));
}

/** The file an older Keyfob (before groups and favourites) writes for this record: the same body without the two fields. */
async function olderFile(record: SyncRecord): Promise<string> {
  const body = await bodyOf(record);
  delete body.fields.groups;
  delete body.fields.favourite;
  return sealBody(body);
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SyncError);
  return (e as SyncError).code;
}

describe('groups and favourite in a sync record', () => {
  it('round-trips both through a record and a sealed file', async () => {
    const synced = syncedAccount({ groups: ['Work', 'Bank'], favourite: true });
    const record = recordFromAccount('acc-1', synced, at(T0));
    expect(accountOfRecord(record)).toEqual(synced);
    const text = await sealSyncRecord(key, record);
    for (const clear of ['Work', 'Bank', 'favourite']) expect(text).not.toContain(clear);
    expect(await openSyncRecord(key, 'acc-1', text, T0)).toEqual(record);
  });

  it('stamps only the field an edit changes: starring an account leaves the groups\' clock alone', () => {
    const starred = editRecord(base, { favourite: true, groups: [] }, at(T0 + 1));
    expect(starred.fields.favourite).toEqual({ value: true, clock: at(T0 + 1) });
    expect(starred.fields.groups.clock).toEqual(at(T0));
    expect(starred.fields.notes.clock).toEqual(at(T0));
  });

  it('brings a favourite set in one browser to the other, and keeps a concurrent group edit made there', () => {
    const inA: SyncState = { 'acc-1': editRecord(base, { favourite: true }, at(T0 + 5, 'dev-a')) };
    const inB: SyncState = { 'acc-1': editRecord(base, { groups: ['Bank'] }, at(T0 + 7, 'dev-b')) };
    for (const merged of [mergeStates(inA, inB), mergeStates(inB, inA)]) {
      expect(accountOfRecord(merged['acc-1']!)).toMatchObject({ favourite: true, groups: ['Bank'] });
    }
  });

  it('settles two edits of the group list by the later one, as a whole list (a removed group stays removed)', () => {
    const both = editRecord(base, { groups: ['Work', 'Bank'] }, at(T0 + 1, 'dev-a'));
    const removed = editRecord(both, { groups: ['Work'] }, at(T0 + 3, 'dev-b'));
    const renamed = editRecord(both, { groups: ['Job', 'Bank'] }, at(T0 + 2, 'dev-a'));
    expect(accountOfRecord(mergeStates({ x: removed }, { x: renamed }).x!)!.groups).toEqual(['Work']);
    const unstar = editRecord(editRecord(base, { favourite: true }, at(T0 + 1, 'dev-a')), { favourite: false }, at(T0 + 4, 'dev-b'));
    expect(accountOfRecord(mergeStates({ x: unstar }, { x: editRecord(base, { favourite: true }, at(T0 + 1, 'dev-a')) }).x!)!.favourite).toBe(false);
  });
});

describe('sealed files written before groups and favourites', () => {
  it('open as no groups and not a favourite, stamped with the record\'s creation clock', async () => {
    const edited = editRecord(base, { notes: 'edited later' }, at(T0 + 9, 'dev-b'));
    const opened = await openSyncRecord(key, 'acc-1', await olderFile(edited), T0);
    expect(opened.fields.groups).toEqual({ value: [], clock: edited.fields.createdAt.clock });
    expect(opened.fields.favourite).toEqual({ value: false, clock: edited.fields.createdAt.clock });
    expect(accountOfRecord(opened)).toMatchObject({ notes: 'edited later', groups: [], favourite: false });
  });

  it('lose to any favourite or group set since, whichever side the merge starts from', async () => {
    const starred = editRecord(base, { favourite: true, groups: ['Work'] }, at(T0 + 2, 'dev-a'));
    // An older Keyfob merged the record, edited its notes later and wrote it back without the fields it does not know.
    const older = await openSyncRecord(key, 'acc-1', await olderFile(editRecord(starred, { notes: 'older app' }, at(T0 + 8, 'dev-b'))), T0);
    for (const merged of [mergeStates({ x: starred }, { x: older }), mergeStates({ x: older }, { x: starred })]) {
      expect(accountOfRecord(merged.x!)).toMatchObject({ favourite: true, groups: ['Work'], notes: 'older app' });
    }
  });

  it('take a favourite set after reading them: the new clock is later than the creation clock', async () => {
    const opened = await openSyncRecord(key, 'acc-1', await olderFile(base), T0);
    const clock = tickHlc(opened.fields.createdAt.clock, T0, 'dev-c');
    const starred = editRecord(opened, { favourite: true }, clock);
    expect(accountOfRecord(mergeStates({ x: opened }, { x: starred }).x!)!.favourite).toBe(true);
  });
});

describe('hostile values of the later fields', () => {
  it('are refused as malformed: groups not in normal form or out of bounds, a favourite that is not a boolean', async () => {
    const body = await bodyOf(base);
    const variants: ((b: Body) => void)[] = [
      (b) => { b.fields.groups![0] = [' Work']; },
      (b) => { b.fields.groups![0] = ['Work', 'Work']; },
      (b) => { b.fields.groups![0] = ['']; },
      (b) => { b.fields.groups![0] = ['x'.repeat(65)]; },
      (b) => { b.fields.groups![0] = Array.from({ length: 33 }, (_, i) => `g${i}`); },
      (b) => { b.fields.groups![0] = 'Work'; },
      (b) => { b.fields.favourite![0] = 'true'; },
      (b) => { b.fields.favourite = [true]; },
    ];
    for (const mutate of variants) {
      const copy = structuredClone(body);
      mutate(copy);
      expect(await refusal(openSyncRecord(key, 'acc-1', await sealBody(copy), T0))).toBe('malformed');
    }
  });

  it('round-trip at their bounds, 32 groups of 64 characters', async () => {
    const heavy = recordFromAccount('acc-1', syncedAccount({ groups: Array.from({ length: 32 }, (_, i) => `${i}`.padEnd(64, 'g')), favourite: true }), at(T0));
    expect(await openSyncRecord(key, 'acc-1', await sealSyncRecord(key, heavy), T0)).toEqual(heavy);
  });

  it('leave a typical account in the one padding bucket it filled before: two groups and a star do not show in the size', async () => {
    const size = async (r: SyncRecord) => base64ToBytes((JSON.parse(await sealSyncRecord(key, r)) as { ct: string }).ct).length;
    const plain = recordFromAccount('acc-1', syncedAccount(), at(T0));
    const organised = editRecord(plain, { groups: ['Work', 'Bank'], favourite: true }, at(T0 + 1, 'dev-b'));
    expect(await size(organised)).toBe(await size(plain));
  });
});

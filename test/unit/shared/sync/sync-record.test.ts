// Merge rules of one synced account, each checked on its own.
import { describe, expect, it } from 'vitest';
import {
  accountOfRecord, deleteRecord, editRecord, mergeRecords, recordFromAccount, SyncError,
} from '../../../../src/shared/index.ts';
import { at, syncedAccount, T0 } from './sync-fixtures.ts';

const base = recordFromAccount('acc-1', syncedAccount(), at(T0));

describe('sync record', () => {
  it('round-trips an account through a record', () => {
    const synced = syncedAccount({ notes: 'n', recoveryCodes: [{ code: 'r1', used: true }, { code: 'r2', used: false }], position: 3 });
    expect(accountOfRecord(recordFromAccount('acc-1', synced, at(T0)))).toEqual(synced);
  });

  it('stamps only the fields an edit changes', () => {
    const edited = editRecord(base, { account: { ...syncedAccount().account, issuer: 'ACME Corp' }, notes: '' }, at(T0 + 1));
    expect(edited.fields.issuer.clock).toEqual(at(T0 + 1));
    expect(edited.fields.account.clock).toEqual(at(T0));
    expect(edited.fields.otp.clock).toEqual(at(T0));
    expect(edited.fields.notes.clock).toEqual(at(T0));
  });

  it('keeps concurrent edits of different fields from two devices', () => {
    const onA = editRecord(base, { notes: 'from A' }, at(T0 + 1, 'dev-a'));
    const onB = editRecord(base, { origins: ['https://login.acme.example'] }, at(T0 + 2, 'dev-b'));
    const merged = accountOfRecord(mergeRecords(onA, onB));
    expect(merged?.notes).toBe('from A');
    expect(merged?.origins).toEqual(['https://login.acme.example']);
  });

  it('resolves concurrent edits of the same field by the later clock, and by device id at equal times', () => {
    const onA = editRecord(base, { notes: 'A' }, at(T0 + 5, 'dev-a'));
    const onB = editRecord(base, { notes: 'B' }, at(T0 + 4, 'dev-b'));
    expect(accountOfRecord(mergeRecords(onA, onB))?.notes).toBe('A');
    const tieA = editRecord(base, { notes: 'A' }, at(T0 + 5, 'dev-a'));
    const tieB = editRecord(base, { notes: 'B' }, at(T0 + 5, 'dev-b'));
    expect(accountOfRecord(mergeRecords(tieA, tieB))?.notes).toBe('B');
    expect(accountOfRecord(mergeRecords(tieB, tieA))?.notes).toBe('B');
  });

  it('changes the OTP parameters as one field: a secret never pairs with another device\'s digits', () => {
    const acct = syncedAccount().account;
    const onA = editRecord(base, { account: { ...acct, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' } }, at(T0 + 1, 'dev-a'));
    const onB = editRecord(base, { account: { ...acct, digits: 8 } }, at(T0 + 2, 'dev-b'));
    const merged = accountOfRecord(mergeRecords(onA, onB))!.account;
    expect([merged.secret, merged.digits]).toEqual([acct.secret, 8]);
  });

  it('takes the higher HOTP counter even when the lower one was written later', () => {
    const hotp = recordFromAccount('h', syncedAccount({ account: { ...syncedAccount().account, type: 'hotp', counter: 5 } }), at(T0));
    const onA = editRecord(hotp, { account: { ...accountOfRecord(hotp)!.account, counter: 9 } }, at(T0 + 1, 'dev-a'));
    const onB = editRecord(hotp, { account: { ...accountOfRecord(hotp)!.account, counter: 7 } }, at(T0 + 9, 'dev-b'));
    expect(accountOfRecord(mergeRecords(onA, onB))!.account.counter).toBe(9);
    // Not even a local edit moves it back.
    expect(accountOfRecord(editRecord(onA, { account: { ...accountOfRecord(onA)!.account, counter: 2 } }, at(T0 + 20)))!.account.counter).toBe(9);
  });

  it('marks a recovery code used when either side used it', () => {
    const codes = [{ code: 'r1', used: false }, { code: 'r2', used: false }, { code: 'r3', used: false }];
    const withCodes = editRecord(base, { recoveryCodes: codes }, at(T0 + 1));
    const onA = editRecord(withCodes, { recoveryCodes: codes.map((c) => ({ ...c, used: c.code === 'r1' })) }, at(T0 + 2, 'dev-a'));
    const onB = editRecord(withCodes, { recoveryCodes: codes.map((c) => ({ ...c, used: c.code === 'r3' })) }, at(T0 + 3, 'dev-b'));
    expect(accountOfRecord(mergeRecords(onA, onB))!.recoveryCodes).toEqual([
      { code: 'r1', used: true }, { code: 'r2', used: false }, { code: 'r3', used: true },
    ]);
  });

  it('replaces the recovery codes by the later list, and a used code stays used', () => {
    const old = editRecord(base, { recoveryCodes: [{ code: 'r1', used: true }] }, at(T0 + 1, 'dev-a'));
    const fresh = editRecord(base, { recoveryCodes: [{ code: 'n1', used: false }, { code: 'n2', used: false }] }, at(T0 + 2, 'dev-b'));
    expect(accountOfRecord(mergeRecords(old, fresh))!.recoveryCodes).toEqual([{ code: 'n1', used: false }, { code: 'n2', used: false }]);
    const unmarked = editRecord(old, { recoveryCodes: [{ code: 'r1', used: false }] }, at(T0 + 3));
    expect(accountOfRecord(unmarked)!.recoveryCodes).toEqual([{ code: 'r1', used: true }]);
  });

  it('keeps the earliest creation time', () => {
    const a = recordFromAccount('acc-1', syncedAccount({ createdAt: T0 + 50 }), at(T0 + 50, 'dev-a'));
    const b = recordFromAccount('acc-1', syncedAccount({ createdAt: T0 + 10 }), at(T0 + 60, 'dev-b'));
    expect(accountOfRecord(mergeRecords(a, b))!.createdAt).toBe(T0 + 10);
  });

  it('deletes a record when the delete is later than every edit', () => {
    const edited = editRecord(base, { notes: 'x' }, at(T0 + 1, 'dev-b'));
    const gone = deleteRecord(base, at(T0 + 2, 'dev-a'));
    expect(accountOfRecord(mergeRecords(edited, gone))).toBeNull();
  });

  it('brings a deleted account back when an edit is later than the delete, so its secret is not lost', () => {
    const gone = deleteRecord(base, at(T0 + 2, 'dev-a'));
    const edited = editRecord(base, { notes: 'still needed' }, at(T0 + 3, 'dev-b'));
    const merged = accountOfRecord(mergeRecords(gone, edited));
    expect(merged?.notes).toBe('still needed');
    expect(merged?.account.secret).toBe('JBSWY3DPEHPK3PXP');
  });

  it('is not brought back by marking a recovery code used, which stamps no clock', () => {
    const codes = editRecord(base, { recoveryCodes: [{ code: 'r1', used: false }] }, at(T0 + 1));
    const gone = deleteRecord(codes, at(T0 + 2, 'dev-a'));
    const used = editRecord(codes, { recoveryCodes: [{ code: 'r1', used: true }] }, at(T0 + 3, 'dev-b'));
    expect(accountOfRecord(mergeRecords(gone, used))).toBeNull();
  });

  it('refuses to merge records of different ids', () => {
    expect(() => mergeRecords(base, recordFromAccount('acc-2', syncedAccount(), at(T0)))).toThrow(SyncError);
  });

  it('refuses an id that cannot name a file', () => {
    expect(() => recordFromAccount('../x', syncedAccount(), at(T0))).toThrowError(expect.objectContaining({ code: 'bad-id' }));
  });
});

// The same account added in two browsers is kept once when the two copies meet; copies that were already together
// are left alone, and every browser keeps the same one.
import { describe, expect, it } from 'vitest';
import { accountOfRecord, deleteRecord, mergeRecords, recordFromAccount, type SyncRecord } from '../../../../src/shared/index.ts';
import { findTwins, foldTwin, type TwinCandidate } from '../../../../src/shared/sync/twins.ts';
import { at, syncedAccount, T0 } from './sync-fixtures.ts';

const mine = recordFromAccount('b-1', syncedAccount({ origins: ['https://login.acme.example'], notes: 'from B' }), at(T0 + 5, 'dev-b'));
const theirs = recordFromAccount('a-1', syncedAccount({ createdAt: T0 - 1 }), at(T0, 'dev-a'));
const other = recordFromAccount('o-1', syncedAccount({ account: { ...syncedAccount().account, secret: 'KRSXG5CTMVRXEZLU' } }), at(T0));
const c = (record: SyncRecord, arrived: boolean, onBackend = true): TwinCandidate => ({ record, arrived, onBackend });

describe('finding twins', () => {
  it('folds a copy that arrived into one this browser already had, keeping the earliest created', () => {
    expect(findTwins([c(mine, false), c(theirs, true), c(other, false)])).toEqual([{ keep: 'a-1', drop: ['b-1'] }]);
  });

  it('keeps the same record on both browsers when each sees the other\'s copy arrive', () => {
    const onA = findTwins([c(theirs, false), c(mine, true)]);
    const onB = findTwins([c(mine, false), c(theirs, true)]);
    expect(onA).toEqual(onB);
  });

  it('keeps the copy already on the backend over one only this browser has (joining with a vault of one\'s own)', () => {
    const localOnly = recordFromAccount('z-0', syncedAccount({ createdAt: T0 - 100 }), at(T0));
    expect(findTwins([c(localOnly, false, false), c(mine, true)])).toEqual([{ keep: 'b-1', drop: ['z-0'] }]);
  });

  it('leaves alone copies that were already together, or that all arrived together (kept twice on purpose)', () => {
    expect(findTwins([c(mine, false), c(theirs, false)])).toEqual([]);
    expect(findTwins([c(mine, true), c(theirs, true)])).toEqual([]);
  });

  it('ignores deleted records and accounts with another secret', () => {
    expect(findTwins([c(deleteRecord(mine, at(T0 + 9)), false), c(theirs, true)])).toEqual([]);
    expect(findTwins([c(other, false), c(theirs, true)])).toEqual([]);
  });
});

describe('folding a twin', () => {
  it('gives the kept copy the other\'s sites and notes it lacked, and deletes the other', () => {
    let n = 0;
    const { kept, dropped } = foldTwin(theirs, mine, () => at(T0 + 100 + n++, 'dev-b'));
    expect(accountOfRecord(kept)).toMatchObject({ origins: ['https://acme.example', 'https://login.acme.example'], notes: 'from B' });
    expect(accountOfRecord(dropped)).toBeNull();
  });

  it('converges when both browsers fold the same pair at once', () => {
    let n = 0;
    const onA = foldTwin(theirs, mine, () => at(T0 + 100 + n++, 'dev-a'));
    const onB = foldTwin(theirs, mine, () => at(T0 + 100 + n++, 'dev-b'));
    expect(accountOfRecord(mergeRecords(onA.kept, onB.kept))).toEqual(accountOfRecord(onA.kept));
    expect(accountOfRecord(mergeRecords(onA.dropped, onB.dropped))).toBeNull();
  });
});

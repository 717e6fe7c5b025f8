// Cover files: the number of files a server sees is the account count rounded up to a bucket, and a cover file looks
// like a record to anyone without the key while the key tells them apart.
import { describe, expect, it } from 'vitest';
import { generateDataKey, openSyncRecord, recordFromAccount, sealSyncRecord } from '../../../../src/shared/index.ts';
import { coverChange, coverTarget } from '../../../../src/shared/sync/cover.ts';
import { isCoverFile, sealCoverFile } from '../../../../src/shared/sync/sync-seal.ts';
import { at, syncedAccount, T0 } from './sync-fixtures.ts';

const key = await generateDataKey();

describe('how many files a folder holds', () => {
  it('is at least 16, in steps of 16 up to 128, then in steps of an eighth of the power of two below', () => {
    expect([0, 1, 2, 16, 17, 100, 127, 128, 129, 1000, 1024, 1025].map(coverTarget)).toEqual([16, 16, 16, 16, 32, 112, 128, 128, 144, 1024, 1024, 1152]);
  });

  it('never adds more than an eighth (or 16 files) of cover to a vault of 128 accounts or more', () => {
    for (let n = 128; n <= 5000; n += 37) expect(coverTarget(n) - n).toBeLessThan(Math.max(16, n / 8));
  });

  it('adds cover up to the bucket, and removes it only when a whole step too many', () => {
    expect(coverChange(2, 0)).toEqual({ add: 14, remove: 0 });
    expect(coverChange(2, 14)).toEqual({ add: 0, remove: 0 });
    // 17 accounts: the bucket is 32; with 16 cover files there are 33, one over: not removed yet.
    expect(coverChange(17, 16)).toEqual({ add: 0, remove: 0 });
    // Down to 2 accounts with 30 cover files: 32 is a whole step over 16, so 16 go.
    expect(coverChange(2, 30)).toEqual({ add: 0, remove: 16 });
  });
});

describe('a cover file', () => {
  it('has the size of a typical record, opens as no record, and is told apart only with the key', async () => {
    const record = await sealSyncRecord(key, recordFromAccount('acc-1', syncedAccount(), at(T0)));
    const cover = await sealCoverFile(key, 'acc-2');
    expect(cover.length).toBe(record.length);
    await expect(openSyncRecord(key, 'acc-2', cover, T0)).rejects.toThrow();
    expect(await isCoverFile(key, 'acc-2', cover)).toBe(true);
    expect(await isCoverFile(key, 'acc-1', record)).toBe(false);
    // Under another id (renamed by the server) or another key it is not this vault's cover.
    expect(await isCoverFile(key, 'acc-3', cover)).toBe(false);
    expect(await isCoverFile(await generateDataKey(), 'acc-2', cover)).toBe(false);
  });
});

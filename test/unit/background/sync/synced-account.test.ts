// A vault row and its synced form carry the icon both ways, and a row without one keeps the bytes it had before icons.
import { describe, expect, it } from 'vitest';
import { sameAccount, toStored, toSynced } from '../../../../extension/background/sync/synced-account.ts';
import { encodeRecord, type AccountRecord, type StoredAccount } from '../../../../extension/background/vault/account-record.ts';
import { accountOfRecord, recordFromAccount } from '../../../../src/shared/index.ts';
import { pngDataUrl } from '../../shared/icon-fixtures.ts';

const record: AccountRecord = {
  account: { type: 'totp', issuer: 'ACME', account: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  origins: ['https://acme.example'],
  notes: '',
  recoveryCodes: [],
  createdAt: 1_700_000_000_000,
  groups: ['Work'],
  favourite: false,
};
const stored = (r: AccountRecord): StoredAccount => ({ id: 'id-1', position: 2, record: r });
const clock = { t: 1_700_000_000_000, c: 0, n: 'dev-a' };

describe('the synced form of a vault row', () => {
  it('carries a site icon to sync and back to the same record bytes', () => {
    const withIcon = { ...record, icon: { kind: 'site' as const, data: pngDataUrl(32, 32) } };
    const synced = toSynced(stored(withIcon));
    expect(synced.icon).toEqual(withIcon.icon);
    expect(encodeRecord(toStored(synced).record)).toEqual(encodeRecord(withIcon));
  });

  it('sends an automatic icon as null, so a clear made here overwrites an icon set elsewhere, and stores it as absent', () => {
    const synced = toSynced(stored(record));
    expect(synced.icon).toBeNull();
    expect(toStored(synced).record).not.toHaveProperty('icon');
    expect(encodeRecord(toStored(synced).record)).toEqual(encodeRecord(record));
  });

  it('sees no change between a row and the record made from it, with or without an icon', () => {
    for (const r of [record, { ...record, icon: { kind: 'brand' as const, slug: 'github' } }]) {
      const synced = toSynced(stored(r));
      expect(sameAccount(accountOfRecord(recordFromAccount('id-1', synced, clock)), synced)).toBe(true);
    }
  });
});

// The mapping between a vault row and the account as sync carries it: every field that is sealed and synced is named
// here, once, so a new field (groups, favourite, icon) is added in one place.
import { canonical, type SyncedAccount } from '../../../src/shared/sync/sync-record.ts';
import type { AccountRecord, StoredAccount } from '../vault/account-record.ts';

export function toSynced(a: StoredAccount): SyncedAccount {
  const r = a.record;
  return {
    account: r.account, origins: r.origins, notes: r.notes, recoveryCodes: r.recoveryCodes, createdAt: r.createdAt, position: a.position,
    groups: r.groups, favourite: r.favourite, icon: r.icon ?? null,
  };
}

export function toStored(s: SyncedAccount): { position: number; record: AccountRecord } {
  return {
    position: s.position,
    // In decodeRecord's key order: vault-side/sync-apply.ts compares records by their encoded bytes.
    record: {
      account: s.account, origins: s.origins, notes: s.notes, recoveryCodes: s.recoveryCodes, createdAt: s.createdAt,
      groups: s.groups, favourite: s.favourite, ...(s.icon ? { icon: s.icon } : {}),
    },
  };
}

export const sameAccount = (a: SyncedAccount | null, b: SyncedAccount | null): boolean => canonical(a) === canonical(b);

// Accounts and clocks shared by the sync core's tests.
import type { Hlc, SyncedAccount } from '../../../../src/shared/index.ts';

export const T0 = 1_800_000_000_000;

export function at(t: number, n = 'dev-a', c = 0): Hlc {
  return { t, c, n };
}

export function syncedAccount(over: Partial<SyncedAccount> = {}): SyncedAccount {
  return {
    account: { type: 'totp', issuer: 'ACME', account: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    origins: ['https://acme.example'],
    notes: '',
    recoveryCodes: [],
    createdAt: T0,
    position: 0,
    groups: [],
    favourite: false,
    icon: null,
    ...over,
  };
}

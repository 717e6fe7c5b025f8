// The vault's internal API for the rest of the background (handlers, autofill). Everything is async and
// stateless between calls: the data key is read from chrome.storage.session each time, so any call may
// run in a freshly restarted worker. Locked → VaultError('locked'); missing id → VaultError('not_found').
//
//   isUnlocked()                      whether the data key is available now
//   listUnlockedAccounts()            every readable account (id, position, record: account/origins/notes/recoveryCodes)
//   getAccount(id)                    one account; VaultError('corrupt_record') when its row fails to open
//   codeForAccount(account, now)      { code, nextCode, validUntil } for a TOTP account at `now` (epoch ms)
//   advanceHotp(id)                   the HOTP code for the stored counter; the counter is saved first
//   updateAccount(id, update)         issuer/account/origins/notes/counter/recoveryCodes; one transaction
//   saveRecoveryCodes(id, codes)      replaces the account's recovery codes (all unused)
//   takeRecoveryCode(id)              next unused recovery code, marked used; null when none left
//   readSettings()                    { autoLockMinutes, autofillMode, submitAfterFill }
//   onVaultUnlocked(listener)         register at worker start; called after every unlock/create
export { isUnlocked, onVaultUnlocked, vaultState } from './lifecycle.ts';
export {
  advanceHotp, codeForAccount, getAccount, saveRecoveryCodes, takeRecoveryCode, updateAccount,
  type AccountUpdate, type CodeAt,
} from './accounts.ts';
export type { AccountRecord, RecoveryCode, StoredAccount } from './account-record.ts';
export { toAccountView } from './account-record.ts';
export { readSettings } from './settings.ts';
export { VaultError } from './errors.ts';

import { listAccounts } from './accounts.ts';
import type { StoredAccount } from './account-record.ts';

/** Every account that opens with the data key (corrupt rows are left out; listAccounts reports them). */
export async function listUnlockedAccounts(): Promise<StoredAccount[]> {
  return (await listAccounts()).accounts;
}

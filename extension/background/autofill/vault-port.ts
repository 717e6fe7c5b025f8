// What autofill needs from the vault, in one place: the vault engineer's internal API behind a small interface.
import type { AccountView, Settings, VaultState } from '../../messages.ts';
import { isUnlocked, onVaultUnlocked, vaultState, verifyMasterPassword } from '../vault/lifecycle.ts';
import { readSettings } from '../vault/settings.ts';
import { onAccountsChanged } from '../vault/change-events.ts';
import * as accounts from '../vault/accounts.ts';
import { toAccountView } from '../vault/account-record.ts';
import { countUse } from '../vault/list-prefs.ts';

export interface AutofillVault {
  isUnlocked(): Promise<boolean>;
  /** 'none' before the user created a vault: the page's button then offers to set Keyfob up. */
  state(): Promise<VaultState>;
  settings(): Promise<Settings>;
  onUnlocked(listener: () => void): void;
  /** After accounts were written or deleted (added, imported, edited, synced), once the write has committed. */
  onAccountsChanged(listener: () => void): void;
  listAccounts(): Promise<AccountView[]>;
  /** The account's code at `at` (epoch ms) and when it stops being current. */
  codeAt(id: string, at: number): Promise<{ code: string; validUntil: number }>;
  /** Binds one more origin to the account (after the user's "Link this site to …?" and the master password). */
  addOrigin(id: string, origin: string): Promise<void>;
  /** Throws VaultError('wrong_password') unless `password` opens the vault: every new binding asks for it. */
  checkMasterPassword(password: string): Promise<void>;
  saveRecoveryCodes(id: string, codes: string[]): Promise<number>;
  /** The next unused recovery code, marked used in the same write: it is never handed out twice. */
  takeRecoveryCode(id: string): Promise<string | null>;
}

export const vault: AutofillVault = {
  isUnlocked,
  state: vaultState,
  settings: readSettings,
  onUnlocked: onVaultUnlocked,
  onAccountsChanged: (listener) => onAccountsChanged(() => listener()),
  listAccounts: async () => (await accounts.listAccounts()).accounts.map(toAccountView),
  codeAt: async (id, at) => {
    const { code, validUntil } = await accounts.codeForAccount(await accounts.getAccount(id), at);
    // A code handed to a page is a use, for the popup's "most used" order (a count by account id, nothing else).
    countUse(id).catch(() => undefined);
    return { code, validUntil };
  },
  addOrigin: async (id, origin) => {
    const { record } = await accounts.getAccount(id);
    if (!record.origins.includes(origin)) await accounts.updateAccount(id, { origins: [...record.origins, origin] });
  },
  checkMasterPassword: async (password) => { await verifyMasterPassword(password); },
  saveRecoveryCodes: async (id, codes) => (await accounts.saveRecoveryCodes(id, codes)).record.recoveryCodes.length,
  takeRecoveryCode: accounts.takeRecoveryCode,
};

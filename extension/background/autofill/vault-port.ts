// What autofill needs from the vault, in one place: the vault engineer's internal API behind a small interface.
import type { AccountView, Settings } from '../../messages.ts';
import { isUnlocked, onVaultUnlocked } from '../vault/lifecycle.ts';
import { readSettings } from '../vault/settings.ts';
import * as accounts from '../vault/accounts.ts';
import { toAccountView } from '../vault/account-record.ts';

export interface AutofillVault {
  isUnlocked(): Promise<boolean>;
  settings(): Promise<Settings>;
  onUnlocked(listener: () => void): void;
  listAccounts(): Promise<AccountView[]>;
  /** The account's code at `at` (epoch ms) and when it stops being current. */
  codeAt(id: string, at: number): Promise<{ code: string; validUntil: number }>;
  addSite(id: string, site: string): Promise<void>;
  saveRecoveryCodes(id: string, codes: string[]): Promise<number>;
  nextRecoveryCode(id: string): Promise<string | null>;
  markRecoveryCodeUsed(id: string, code: string): Promise<void>;
}

export const vault: AutofillVault = {
  isUnlocked,
  settings: readSettings,
  onUnlocked: onVaultUnlocked,
  listAccounts: async () => (await accounts.listAccounts()).accounts.map(toAccountView),
  codeAt: async (id, at) => {
    const { code, validUntil } = await accounts.codeForAccount(await accounts.getAccount(id), at);
    return { code, validUntil };
  },
  addSite: async (id, site) => {
    const { record } = await accounts.getAccount(id);
    if (!record.sites.includes(site)) await accounts.updateAccount(id, { sites: [...record.sites, site] });
  },
  saveRecoveryCodes: async (id, codes) => (await accounts.saveRecoveryCodes(id, codes)).record.recoveryCodes.length,
  // The vault's takeRecoveryCode marks a code used at once; autofill marks it only after the sign-in went through.
  nextRecoveryCode: async (id) => (await accounts.getAccount(id)).record.recoveryCodes.find((c) => !c.used)?.code ?? null,
  markRecoveryCodeUsed: async (id, code) => {
    const { record } = await accounts.getAccount(id);
    const recoveryCodes = record.recoveryCodes.map((c) => (c.code === code ? { ...c, used: true } : c));
    await accounts.updateAccount(id, { recoveryCodes });
  },
};

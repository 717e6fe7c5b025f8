// Account methods for the popup: list, codes, add, edit, delete, next HOTP code.
import type { HandlerTable } from '../handler-types.ts';
import { expectObject } from '../handler-types.ts';
import { toAccountView } from '../vault/account-record.ts';
import {
  addAccounts, advanceHotp, codeForAccount, deleteAccount, getAccounts, listAccounts, updateAccount,
} from '../vault/accounts.ts';
import { expectDrafts, expectEmpty, expectId, expectIds, expectPatch } from './vault-validators.ts';

type AccountMethods = 'listAccounts' | 'getCodes' | 'addAccounts' | 'updateAccount' | 'deleteAccount' | 'nextHotpCode';

export const accountHandlers: HandlerTable<AccountMethods> = {
  listAccounts: {
    allow: ['extension-page'],
    parse: expectEmpty,
    run: async () => {
      const { accounts, corrupt } = await listAccounts();
      return { accounts: accounts.map(toAccountView), corrupt };
    },
  },
  getCodes: {
    allow: ['extension-page'],
    parse: (raw) => ({ ids: expectIds(expectObject(raw ?? {}), 'ids') }),
    run: async ({ ids }) => {
      const at = Date.now();
      // Asking for the visible rows only keeps a popup with a thousand accounts from opening all of them.
      const accounts = ids ? await getAccounts(ids) : (await listAccounts()).accounts;
      const totp = accounts.filter((a) => a.record.account.type === 'totp');
      const codes = await Promise.all(totp.map(async (a) => ({ id: a.id, period: a.record.account.period, ...(await codeForAccount(a, at)) })));
      return { at, codes };
    },
  },
  addAccounts: {
    allow: ['extension-page'],
    parse: expectDrafts,
    run: async ({ drafts }) => {
      const { added, duplicates } = await addAccounts(drafts, Date.now());
      return { added: added.map(toAccountView), duplicates: duplicates.map((d) => ({ issuer: d.issuer, account: d.account })) };
    },
  },
  updateAccount: {
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      return { id: expectId(o), patch: expectPatch(o.patch) };
    },
    run: async ({ id, patch }) => ({ account: toAccountView(await updateAccount(id, patch)) }),
  },
  deleteAccount: {
    allow: ['extension-page'],
    parse: (raw) => ({ id: expectId(expectObject(raw)) }),
    run: async ({ id }) => {
      // No decryption first: a corrupt row must stay deletable.
      await deleteAccount(id);
      return { deleted: true };
    },
  },
  nextHotpCode: {
    allow: ['extension-page'],
    parse: (raw) => ({ id: expectId(expectObject(raw)) }),
    run: async ({ id }) => advanceHotp(id),
  },
};

// Account methods for the popup: first screen, list, codes, add, edit, delete, next HOTP code.
import type { HandlerTable } from '../handler-types.ts';
import type { CodeView } from '../../messages.ts';
import { codeNow } from '../clock/clock-state.ts';
import { expectObject, HandlerError } from '../handler-types.ts';
import { toAccountView } from '../vault/account-record.ts';
import { addAccounts, advanceHotp, deleteAccount, getAccount, getAccounts, listAccounts, updateAccount } from '../vault/accounts.ts';
import { verifyMasterPassword } from '../vault/lifecycle.ts';
import { describeNewBindings } from '../autofill/new-bindings.ts';
import { codesFor, firstScreen, listAccountViews } from '../vault/list-view.ts';
import { expectDrafts, expectEmpty, expectId, expectIds, expectPassword, expectPatch } from './vault-validators.ts';

type AccountMethods =
  | 'firstScreen' | 'listAccountViews' | 'listAccounts' | 'getCodes' | 'addAccounts' | 'updateAccount' | 'describeNewBindings'
  | 'deleteAccount' | 'nextHotpCode';

/** More rows than any popup shows at once: the bound keeps one message from opening the whole vault. */
export const MAX_FIRST_SCREEN_ROWS = 100;

function expectRowCount(raw: unknown): number {
  const rows = expectObject(raw).rows;
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0 || rows > MAX_FIRST_SCREEN_ROWS) {
    throw new HandlerError('invalid_request', `Field "rows" must be a whole number from 0 to ${MAX_FIRST_SCREEN_ROWS}`);
  }
  return rows;
}

/**
 * Codes made for the corrected time (when the user chose it) expire at moments of that time; the popup counts down by
 * the device clock, so the moments it gets are the device's.
 */
function inDeviceTime<T extends { at: number; codes: CodeView[] }>(reply: T): T {
  const skew = reply.at - Date.now();
  if (Math.abs(skew) < 1_000) return reply;
  return { ...reply, at: reply.at - skew, codes: reply.codes.map((c) => ({ ...c, validUntil: c.validUntil - skew })) };
}

export const accountHandlers: HandlerTable<AccountMethods> = {
  firstScreen: {
    allow: ['extension-page'],
    parse: (raw) => ({ rows: expectRowCount(raw) }),
    run: async ({ rows }) => inDeviceTime(await firstScreen(rows, await codeNow())),
  },
  listAccountViews: {
    allow: ['extension-page'],
    parse: expectEmpty,
    run: async () => listAccountViews(),
  },
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
      const at = await codeNow();
      // Asking for the visible rows only keeps a popup with a thousand accounts from opening all of them.
      const accounts = ids ? await getAccounts(ids) : (await listAccounts()).accounts;
      return inDeviceTime({ at, codes: await codesFor(accounts, at) });
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
      return { id: expectId(o), patch: expectPatch(o.patch), masterPassword: o.masterPassword === undefined ? undefined : expectPassword(o, 'masterPassword') };
    },
    run: async ({ id, patch, masterPassword }) => {
      // A new bound origin hands out every future code there (and sync spreads it): it asks for the master password,
      // as every export does. Removing origins or editing names does not.
      if (patch.origins) {
        const { record } = await getAccount(id);
        if (patch.origins.some((o) => !record.origins.includes(o))) {
          if (masterPassword === undefined) throw new HandlerError('forbidden', 'Binding a new site to an account needs the master password');
          await verifyMasterPassword(masterPassword);
        }
      }
      return { account: toAccountView(await updateAccount(id, patch)) };
    },
  },
  describeNewBindings: {
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      return { id: expectId(o), origins: expectPatch({ origins: o.origins }).origins ?? [] };
    },
    run: async ({ id, origins }) => ({ added: await describeNewBindings(id, origins) }),
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

// Accounts read from another app's export file (parsed in the import page) enter the vault here, checked like any draft.
import type { HandlerTable } from '../handler-types.ts';
import { expectObject, expectString, HandlerError } from '../handler-types.ts';
import { addAccounts } from '../vault/accounts.ts';
import { expectDrafts } from './vault-validators.ts';

/** The app the page says the file came from: only for the reply, never trusted for anything else. */
const MAX_SOURCE = 64;

export const importHandlers: HandlerTable<'importAccounts'> = {
  importAccounts: {
    // The import page is an extension page; a content script (a hostile page) may never add accounts.
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      const source = expectString(o, 'source', MAX_SOURCE);
      if (source.trim() === '') throw new HandlerError('invalid_request', 'Field "source" must name the app');
      return { source, ...expectDrafts(o) };
    },
    run: async ({ drafts }) => {
      // addAccounts checks every account as a pasted link would be, and skips any whose secret is already in the vault
      // (or earlier in the same import), so importing the same file twice adds nothing.
      const { added, duplicates } = await addAccounts(drafts, Date.now());
      return { added: added.length, duplicates: duplicates.map((d) => ({ issuer: d.issuer, account: d.account })) };
    },
  },
};

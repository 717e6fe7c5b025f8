// Accounts read from another app's export file (parsed in the import page) enter the vault here, checked like any draft.
import { checkAccountIcon } from '../../../src/shared/account-icon.ts';
import type { HandlerTable } from '../handler-types.ts';
import { expectObject, expectString, HandlerError } from '../handler-types.ts';
import { addAccounts } from '../vault/accounts.ts';
import { expectDrafts, MAX_DRAFTS } from './vault-validators.ts';

/** The app the page says the file came from: only for the reply, never trusted for anything else. */
const MAX_SOURCE = 64;

/**
 * A draft whose icon is not one the vault accepts loses the icon and keeps the account: a picture an old app stored
 * must never cost the user an account. Everything else about the draft is still judged by expectDrafts.
 */
function withoutBadIcon(draft: unknown): unknown {
  if (!draft || typeof draft !== 'object' || Array.isArray(draft) || !('icon' in draft)) return draft;
  const { icon, ...rest } = draft as Record<string, unknown>;
  return checkAccountIcon(icon) ? draft : rest;
}

export const importHandlers: HandlerTable<'importAccounts'> = {
  importAccounts: {
    // The import page is an extension page; a content script (a hostile page) may never add accounts.
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      const source = expectString(o, 'source', MAX_SOURCE);
      if (source.trim() === '') throw new HandlerError('invalid_request', 'Field "source" must name the app');
      // Too long a list is left as it is for expectDrafts to refuse, before any work per draft.
      const drafts = Array.isArray(o.drafts) && o.drafts.length <= MAX_DRAFTS ? o.drafts.map(withoutBadIcon) : o.drafts;
      return { source, ...expectDrafts({ drafts }) };
    },
    run: async ({ drafts }) => {
      // addAccounts checks every account as a pasted link would be, and skips any whose secret is already in the vault
      // (or earlier in the same import), so importing the same file twice adds nothing.
      const { added, duplicates } = await addAccounts(drafts, Date.now());
      return { added: added.length, duplicates: duplicates.map((d) => ({ issuer: d.issuer, account: d.account })) };
    },
  },
};

// Saving a page's freshly issued recovery codes: the page only asks; the user confirms in Keyfob's own window.
import { isBoundOrigin } from '../../../src/shared/index.ts';
import type { AccountView, RecoverySaveView } from '../../messages.ts';
import { SESSION_KEYS } from '../../session-keys.ts';
import type { HandlerTable, SenderContext } from '../handler-types.ts';
import { expectObject, expectString, expectTabId, HandlerError } from '../handler-types.ts';
import { openKeyfobFor } from '../platform/keyfob-window.ts';
import { vault } from '../autofill/vault-port.ts';
import { waitingRequests } from '../autofill/waiting-requests.ts';

type RecoverySaveMethod = 'saveRecoveryCodes' | 'pendingRecoverySave' | 'confirmRecoverySave' | 'cancelRecoverySave';

/** Codes a page sent, kept in session storage because the worker may stop before the user answers. */
interface PendingRecoverySave {
  saveId: string;
  tabId: number;
  /** The sending document, when the browser names it. */
  documentId?: string;
  origin: string;
  codes: string[];
  createdAt: number;
}

const MAX_AGE_MS = 10 * 60_000;
const waitingSaves = waitingRequests<PendingRecoverySave>(SESSION_KEYS.recoverySaves, MAX_AGE_MS);

function parseCodes(raw: unknown): string[] {
  const codes = expectObject(raw).codes;
  if (!Array.isArray(codes) || codes.length < 1 || codes.length > 32
    || !codes.every((c): c is string => typeof c === 'string' && /^[A-Za-z0-9 -]{4,64}$/.test(c))) {
    throw new HandlerError('invalid_request', 'Field "codes" must list 1 to 32 recovery codes');
  }
  return codes;
}

/** Only the top document of a tab on a real (non-opaque) origin may ask: a framed page could be steered by its host. */
function askingTab(ctx: SenderContext): { tabId: number; origin: string } {
  if (ctx.frameId !== 0 || ctx.tabId === null) throw new HandlerError('forbidden', 'Only the top page of a tab can ask');
  const origin = ctx.origin;
  if (!origin || origin === 'null' || !/^https?:\/\//.test(origin)) throw new HandlerError('forbidden', 'This page has no origin');
  return { tabId: ctx.tabId, origin };
}

/** Accounts bound to exactly this origin, by the one binding rule autofill uses too. */
function boundTo(accounts: AccountView[], origin: string): AccountView[] {
  return accounts.filter((a) => isBoundOrigin(a.origins, origin));
}

export const recoverySaveHandlers: HandlerTable<RecoverySaveMethod> = {
  saveRecoveryCodes: {
    allow: ['content-script'],
    parse: (raw) => ({ codes: parseCodes(raw) }),
    run: async (req, ctx) => {
      const { tabId, origin } = askingTab(ctx);
      const now = Date.now();
      const { documentId } = ctx;
      const save: PendingRecoverySave = {
        saveId: crypto.randomUUID(), tabId, origin, codes: req.codes, createdAt: now, ...(documentId ? { documentId } : {}),
      };
      // One request per tab: a newer list from the same tab replaces the older one before anyone confirmed it.
      await waitingSaves.add(save, (s) => s.tabId === tabId);
      await openKeyfobFor(tabId, 'save-codes');
      // The same answer whether the vault is locked, empty or has several accounts (the page learns nothing).
      return { asked: true };
    },
  },
  pendingRecoverySave: {
    allow: ['extension-page'],
    parse: (raw) => ({ tabId: expectTabId(expectObject(raw)) }),
    run: async (req): Promise<RecoverySaveView | null> => {
      const save = await waitingSaves.find((s) => s.tabId === req.tabId, Date.now());
      if (!save) return null;
      const accounts = boundTo(await vault.listAccounts(), save.origin)
        .map((a) => ({ id: a.id, issuer: a.issuer, account: a.account, replaces: a.recoveryCodes.unused }));
      return { saveId: save.saveId, origin: save.origin, count: save.codes.length, accounts };
    },
  },
  confirmRecoverySave: {
    allow: ['extension-page'],
    parse: (raw) => {
      const obj = expectObject(raw);
      return { tabId: expectTabId(obj), saveId: expectString(obj, 'saveId', 64), accountId: expectString(obj, 'accountId', 128) };
    },
    run: async (req) => {
      const now = Date.now();
      const isThisSave = (s: PendingRecoverySave) => s.tabId === req.tabId && s.saveId === req.saveId;
      const save = await waitingSaves.find(isThisSave, now);
      if (!save) throw new HandlerError('not_found', 'Those recovery codes are no longer waiting');
      // Only an account bound to the page's origin takes its codes, whatever account id the caller names.
      const account = boundTo(await vault.listAccounts(), save.origin).find((a) => a.id === req.accountId);
      if (!account) throw new HandlerError('forbidden', `That account is not bound to ${save.origin}`);
      await waitingSaves.takeFirst(isThisSave, now);
      return { saved: await vault.saveRecoveryCodes(account.id, save.codes) };
    },
  },
  cancelRecoverySave: {
    allow: ['extension-page'],
    parse: (raw) => ({ tabId: expectTabId(expectObject(raw)) }),
    run: async (req) => {
      await waitingSaves.take((s) => s.tabId === req.tabId, Date.now());
      return { cancelled: true };
    },
  },
};

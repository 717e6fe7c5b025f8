// Answers for a page's code field: the one code a content script gets for one field on the origin the browser says it
// is on, as the fill policy allows, and the look-alike warning Keyfob's window shows for a tab.
import type { AccountView, FieldCodeAnswer, FieldCodeReply, FieldKind, FillTrigger, RequestOf } from '../../messages.ts';
import { isBoundOrigin, originOfUrl } from '../../../src/shared/index.ts';
import type { SenderContext } from '../handler-types.ts';
import { codeNow, wantsClockSample } from '../clock/clock-state.ts';
import { openKeyfobFor } from '../platform/keyfob-window.ts';
import { noteCodeField, originsRecordedFor } from '../toolbar-state.ts';
import { askingDocument } from './autofill-requests.ts';
import { fillMoment } from './code-timing.ts';
import { lastFilledStep, rememberFilledStep } from './filled-steps.ts';
import { decideFill } from './fill-policy.ts';
import { frameRelation, relationForAccount, topOriginFor, type AncestorOrigins } from './frame-context.ts';
import { imitatedAccounts, lookAlikeFor, warmLookAlikeCheck } from './look-alike-check.ts';
import { addFillGrant, addPendingFill, takeFillGrant, type AskingDocument, type PendingFill } from './pending-fills.ts';
import { vault } from './vault-port.ts';

const MAX_WAIT_MS = 3500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Deciding which step a document gets, and recording it, is one step per account and origin at a time: two documents
// of one origin asking together cannot both read "nothing filled yet" and both be given the same code.
const stepDecisions = new Map<string, Promise<unknown>>();
function oneDecisionAtATime<T>(key: string, decide: () => Promise<T>): Promise<T> {
  const next = (stepDecisions.get(key) ?? Promise.resolve()).then(decide, decide);
  const settled = next.catch(() => undefined);
  stepDecisions.set(key, settled);
  void settled.then(() => { if (stepDecisions.get(key) === settled) stepDecisions.delete(key); });
  return next;
}

/**
 * The code to fill for `account` on `origin`: never one with under 3 s left, and never one this origin was already
 * given (the site accepted it and would refuse it now). A short wait happens here; a longer one is the page's to show.
 */
async function totpReply(account: AccountView, doc: AskingDocument, trigger: FillTrigger): Promise<FieldCodeReply> {
  // Codes are made for the corrected time when the user chose it; what the page is told stays in its own clock.
  const now = await codeNow();
  const skew = now - Date.now();
  const moment = await oneDecisionAtATime(`${account.id} ${doc.origin}`, async () => {
    const last = await lastFilledStep(account.id, doc.origin, account.period);
    // The one exception: the very document that was given the code, whose script emptied the field before any submit,
    // may have that step's code again (the refill); any other document of the origin waits for the next step.
    const sameDocumentRefill = trigger === 'refill' && last !== null && last.documentId !== null && last.documentId === doc.documentId;
    const skipUpTo = last === null ? null : sameDocumentRefill ? last.step - 1 : last.step;
    const next = fillMoment(now, account.period, skipUpTo);
    // Recorded when decided, before the short wait below: a document asking during that wait gets the step after.
    if (next.waitMs <= MAX_WAIT_MS) await rememberFilledStep(account.id, doc.origin, next.step, account.period, doc.documentId);
    return next;
  });
  if (moment.waitMs > MAX_WAIT_MS) return { status: 'wait', until: moment.at - skew };
  if (moment.waitMs > 0) await sleep(moment.waitMs);
  const { code, validUntil } = await vault.codeAt(account.id, moment.at);
  return { status: 'code', code, validUntil: validUntil - skew, ...(wantsClockSample(doc.origin, Date.now()) ? { sampleClock: true } : {}) };
}

/**
 * Accounts that can fill this kind of field: time-based ones (TOTP, Steam Guard) for code fields, any with unused codes
 * for recovery fields. An HOTP code advances its counter, so it is only ever made in the popup, on request.
 */
export function usableFor(fieldKind: FieldKind, accounts: AccountView[]): AccountView[] {
  return fieldKind === 'recovery' ? accounts.filter((a) => a.recoveryCodes.unused > 0) : accounts.filter((a) => a.type !== 'hotp');
}

/** Redeems the user's choice made in Keyfob's window for exactly this document: one code, once. */
async function redeemChoice(doc: AskingDocument, fieldKind: FieldKind): Promise<FieldCodeReply> {
  const grant = await takeFillGrant(doc, fieldKind, Date.now());
  if (!grant) return { status: 'none' };
  const account = (await vault.listAccounts()).find((a) => a.id === grant.accountId);
  if (!account || !isBoundOrigin(account.origins, doc.origin)) return { status: 'none' };
  if (fieldKind === 'recovery') {
    const code = await vault.takeRecoveryCode(account.id);
    return code ? { status: 'code', code, validUntil: Date.now() + 5 * 60_000 } : { status: 'none' };
  }
  const reply = await totpReply(account, doc, 'chosen');
  // The next code is not valid yet: the choice stays for this document until it asks again at `until`.
  if (reply.status === 'wait') await addFillGrant({ ...grant, createdAt: reply.until });
  return reply;
}

async function codeForField(fieldKind: FieldKind, trigger: FillTrigger, ancestors: AncestorOrigins, ctx: SenderContext): Promise<FieldCodeReply> {
  const doc = askingDocument(ctx);
  // Opaque (sandboxed) documents, extension pages and non-web schemes are no origin: nothing is filled there.
  if (!doc) return { status: 'none' };
  if (trigger === 'chosen') return redeemChoice(doc, fieldKind);
  const [settings, state] = await Promise.all([vault.settings(), vault.state()]);
  const unlocked = state === 'unlocked';
  const notReady: FieldCodeReply = { status: state === 'none' ? 'no-vault' : 'locked' };
  const accounts = unlocked ? usableFor(fieldKind, await vault.listAccounts()) : [];
  const bound = accounts.filter((a) => isBoundOrigin(a.origins, doc.origin));
  // Filled on sight only when every frame from the top page down is the account's own; otherwise as a foreign frame.
  const only = bound.length === 1 ? bound[0] : undefined;
  const relation = only ? relationForAccount(doc, ancestors, only.origins) : frameRelation(doc, ancestors);
  const action = decideFill({ trigger, fieldKind, relation, unlocked, mode: settings.autofillMode, boundCount: bound.length });
  const pending = async (reason: PendingFill['reason'], explicit: boolean): Promise<PendingFill> => ({
    ...doc, topOrigin: await topOriginFor(doc, ancestors), frame: frameRelation(doc, ancestors), fieldKind, reason, explicit, createdAt: Date.now(),
  });
  switch (action) {
    case 'fill':
      return only ? totpReply(only, doc, trigger) : { status: 'none' };
    case 'ask-user': {
      // Asked on a page that imitates a bound site: Keyfob's window and the page's button position both say so.
      const site = bound.length === 0 ? await lookAlikeFor(doc.origin) : null;
      await addPendingFill(await pending('choose', true));
      await openKeyfobFor(doc.tabId, 'choose');
      return site === null ? { status: 'choose' } : { status: 'look-alike', site };
    }
    case 'unlock':
      await addPendingFill(await pending('locked', true));
      await openKeyfobFor(doc.tabId, 'unlock');
      return notReady;
    case 'wait-unlock':
      await addPendingFill(await pending('locked', false));
      return notReady;
    case 'wait-account':
      // So that an account scanned from this very page (the enable-2FA page) fills its confirmation field.
      await addPendingFill(await pending('none', false));
      return { status: 'none' };
    case 'nothing':
      return unlocked ? { status: 'none' } : notReady;
  }
}

/** A content script's ask for its field: the code (or why not), with the autofill settings the page's script follows. */
export async function answerField(req: RequestOf<'codeForField'>, ctx: SenderContext): Promise<FieldCodeAnswer> {
  // The content script asks as soon as it has found a code field (and again after an add): the toolbar badge.
  noteCodeField(ctx);
  const reply = await codeForField(req.fieldKind, req.trigger, req.ancestors ?? [], ctx);
  const { autofillMode, submitAfterFill } = await vault.settings();
  warmLookAlikeCheck(ctx.origin);
  return { ...reply, config: { mode: autofillMode, submitAfterFill } };
}

/** The bound site a page in `tabId` imitates, if any, and the accounts whose codes stay hidden while it is in front. */
export async function pageWarningFor(tabId: number): Promise<{ site: string | null; hiddenIds: string[] }> {
  // The tab's own address where the browser tells it (activeTab after a toolbar click), and the documents with a
  // code field the content scripts reported in it.
  // All at once: the popup draws no code before this answers, so every storage hop saved is time to the first code.
  const [tab, recorded] = await Promise.all([chrome.tabs.get(tabId).catch(() => null), originsRecordedFor(tabId)]);
  const origins = [...new Set([originOfUrl(tab?.url), ...recorded])].filter((o): o is string => o !== null);
  const sites = await Promise.all(origins.map((origin) => lookAlikeFor(origin)));
  const at = sites.findIndex((site) => site !== null);
  const [site, origin] = [sites[at], origins[at]];
  if (site && origin) return { site, hiddenIds: await imitatedAccounts(origin) };
  return { site: null, hiddenIds: [] };
}

// Autofill methods: content scripts get one code for one field on the origin the browser says they are on, as the
// fill policy allows; extension pages settle the fills that wait for the user's choice in Keyfob's own window.
import type { AccountView, FieldCodeReply, FieldKind, FillTrigger, PendingFillView } from '../../messages.ts';
import { bindingDecision, isBoundOrigin, originOfUrl, type SuffixTable } from '../../../src/shared/index.ts';
import type { HandlerTable, SenderContext } from '../handler-types.ts';
import { expectObject, expectString, expectTabId, HandlerError } from '../handler-types.ts';
import { fillMoment } from '../autofill/code-timing.ts';
import { lastFilledStep, rememberFilledStep } from '../autofill/filled-steps.ts';
import { documentTarget, sendToContent } from '../autofill/content-port.ts';
import { installFillCommands } from '../autofill/fill-commands.ts';
import { decideFill } from '../autofill/fill-policy.ts';
import { frameRelation, relationForAccount, topOriginFor, type AncestorOrigins } from '../autofill/frame-context.ts';
import { imitatedAccounts, lookAlikeFor } from '../autofill/look-alike-check.ts';
import { codeNow, wantsClockSample } from '../clock/clock-state.ts';
import { openKeyfobFor } from '../platform/keyfob-window.ts';
import {
  addFillGrant, addPendingFill, peekPendingChoice, takeFillGrant, takePendingFills, type AskingDocument, type PendingFill,
} from '../autofill/pending-fills.ts';
import { vault } from '../autofill/vault-port.ts';
import { noteCodeField, originsRecordedFor } from '../toolbar-state.ts';
import { suffixTable } from '../public-suffixes.ts';

type AutofillMethod = 'codeForField' | 'pendingFill' | 'choosePendingFill' | 'dismissPendingFill' | 'pageWarning';

const FIELD_KINDS: readonly FieldKind[] = ['totp', 'recovery'];
const TRIGGERS: readonly FillTrigger[] = ['auto', 'click', 'command', 'unlocked', 'added', 'chosen', 'refill'];
const MAX_WAIT_MS = 3500;
/** Deeper than any real page nests frames; a longer chain is refused rather than read. */
const MAX_ANCESTORS = 32;
const MAX_PASSWORD = 1024;

// Listeners must be registered while the worker script first runs, so this module installs them on import.
installFillCommands(vault);

function oneOf<T extends string>(obj: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  const v = obj[key];
  const found = allowed.find((a) => a === v);
  if (!found) throw new HandlerError('invalid_request', `Field "${key}" must be one of ${allowed.join(', ')}`);
  return found;
}

/** The asking document from the browser's view of the sender, never from anything the page sent; null: no origin. */
function askingDocument(ctx: SenderContext): AskingDocument | null {
  if (!ctx.origin || ctx.tabId === null) return null;
  return { tabId: ctx.tabId, frameId: ctx.frameId ?? 0, documentId: ctx.documentId, origin: ctx.origin };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ancestor chain the asking content script read from the browser: origins (or 'null'), nearest parent first. */
function expectAncestors(obj: Record<string, unknown>): string[] {
  const raw = obj.ancestors ?? [];
  if (!Array.isArray(raw) || raw.length > MAX_ANCESTORS || !raw.every((a) => typeof a === 'string' && a.length <= 300)) {
    throw new HandlerError('invalid_request', `Field "ancestors" must be at most ${MAX_ANCESTORS} origins`);
  }
  return raw as string[];
}

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
function usableFor(fieldKind: FieldKind, accounts: AccountView[]): AccountView[] {
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

/**
 * The chooser's list: accounts bound to the asking origin, then those of another origin of the same site (offered for
 * linking). An account whose binding says `none` for this origin (another site, a look-alike, plain http under an https
 * binding) is never listed, whatever the field: a phishing page must not be one Enter away from the bank's code.
 */
function choicesFor(pending: PendingFill, all: AccountView[], suffixes: SuffixTable): PendingFillView['accounts'] {
  return usableFor(pending.fieldKind, all)
    .map((a) => ({ a, decision: bindingDecision(a.origins, pending.origin, suffixes) }))
    .filter(({ decision }) => decision !== 'none')
    .map(({ a, decision }) => ({
      id: a.id, issuer: a.issuer, account: a.account, bound: decision === 'fill', recoveryLeft: a.recoveryCodes.unused,
    }))
    .sort((x, y) => Number(y.bound) - Number(x.bound));
}

export const autofillHandlers: HandlerTable<AutofillMethod> = {
  codeForField: {
    allow: ['content-script'],
    parse: (raw) => {
      const obj = expectObject(raw);
      return { fieldKind: oneOf(obj, 'fieldKind', FIELD_KINDS), trigger: oneOf(obj, 'trigger', TRIGGERS), ancestors: expectAncestors(obj) };
    },
    run: async (req, ctx) => {
      // The content script asks as soon as it has found a code field (and again after an add): the toolbar badge.
      noteCodeField(ctx);
      const reply = await codeForField(req.fieldKind, req.trigger, req.ancestors ?? [], ctx);
      const { autofillMode, submitAfterFill } = await vault.settings();
      return { ...reply, config: { mode: autofillMode, submitAfterFill } };
    },
  },
  pageWarning: {
    allow: ['extension-page'],
    parse: (raw) => ({ tabId: expectTabId(expectObject(raw)) }),
    run: async ({ tabId }) => {
      // The tab's own address where the browser tells it (activeTab after a toolbar click), and the documents with a
      // code field the content scripts reported in it.
      const tab = await chrome.tabs.get(tabId).catch(() => null);
      const origins = [...new Set([originOfUrl(tab?.url), ...await originsRecordedFor(tabId)])];
      for (const origin of origins) {
        const site = await lookAlikeFor(origin);
        if (site !== null && origin !== null) return { site, hiddenIds: await imitatedAccounts(origin) };
      }
      return { site: null, hiddenIds: [] };
    },
  },
  pendingFill: {
    allow: ['extension-page'],
    parse: (raw) => ({ tabId: expectTabId(expectObject(raw)) }),
    run: async (req): Promise<PendingFillView | null> => {
      const pending = await peekPendingChoice(req.tabId, Date.now());
      if (!pending) return null;
      return {
        origin: pending.origin, topOrigin: pending.topOrigin, frame: pending.frame, fieldKind: pending.fieldKind,
        accounts: choicesFor(pending, await vault.listAccounts(), await suffixTable()),
        lookAlike: await lookAlikeFor(pending.origin),
      };
    },
  },
  dismissPendingFill: {
    allow: ['extension-page'],
    parse: (raw) => ({ tabId: expectTabId(expectObject(raw)) }),
    run: async ({ tabId }) => ({ dismissed: (await takePendingFills((p) => p.tabId === tabId && p.reason === 'choose', Date.now())).length }),
  },
  choosePendingFill: {
    allow: ['extension-page'],
    parse: (raw) => {
      const obj = expectObject(raw);
      const accountId = obj.accountId;
      if (typeof accountId !== 'string' || accountId.length > 128) throw new HandlerError('invalid_request', 'Field "accountId" must be an id');
      const origin = obj.origin;
      if (typeof origin !== 'string' || origin.length > 300) throw new HandlerError('invalid_request', 'Field "origin" must be the origin shown');
      const masterPassword = obj.masterPassword === undefined ? undefined : expectString(obj, 'masterPassword', MAX_PASSWORD);
      return { tabId: expectTabId(obj), origin, accountId, linkSite: obj.linkSite === true, masterPassword };
    },
    run: async (req) => {
      const now = Date.now();
      const waiting = await peekPendingChoice(req.tabId, now);
      // The user answered about the origin the window showed; a request that replaced it meanwhile is not theirs to settle.
      if (!waiting || waiting.origin !== req.origin) throw new HandlerError('not_found', 'That fill is no longer waiting');
      const choice = choicesFor(waiting, await vault.listAccounts(), await suffixTable()).find((a) => a.id === req.accountId);
      if (!choice) throw new HandlerError('not_found', 'That account cannot fill this field');
      // An unbound account is used only after the user confirmed "Link this site to …?" with the master password, which
      // binds it for next time: a new binding hands out every future code there, so it asks what every export asks.
      if (!choice.bound && !req.linkSite) throw new HandlerError('forbidden', `Link ${waiting.origin} to this account first`);
      if (!choice.bound) {
        if (req.masterPassword === undefined) throw new HandlerError('forbidden', 'Linking a site to an account needs the master password');
        await vault.checkMasterPassword(req.masterPassword);
      }
      const [pending] = await takePendingFills((p) => p === waiting || (p.tabId === waiting.tabId && p.frameId === waiting.frameId
        && p.documentId === waiting.documentId && p.reason === 'choose'), now);
      if (!pending) throw new HandlerError('not_found', 'That fill is no longer waiting');
      if (!choice.bound) await vault.addOrigin(choice.id, pending.origin);
      // No code travels from here: the document is told to ask again, and the background checks the asking sender
      // (document, origin) against this choice. A frame that navigated meanwhile is another document and gets nothing.
      await addFillGrant({ tabId: pending.tabId, frameId: pending.frameId, documentId: pending.documentId, origin: pending.origin,
        accountId: choice.id, fieldKind: pending.fieldKind, createdAt: now });
      const answer = await sendToContent(documentTarget(pending), 'fillNow', { trigger: 'chosen' });
      return { filled: answer?.filled === true };
    },
  },
};

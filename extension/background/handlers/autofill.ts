// Autofill methods: content scripts get one code for one field on the site the browser says they are on;
// extension pages settle fills that wait for a choice of account.
import type { FieldCodeReply, FieldKind, FillTrigger, PendingFillView } from '../../messages.ts';
import { siteOf } from '../../../src/shared/index.ts';
import type { HandlerTable, SenderContext } from '../handler-types.ts';
import { expectObject, HandlerError } from '../handler-types.ts';
import { eligibleFor, fillMoment } from '../autofill/code-timing.ts';
import { installFillCommands, sendFillNow } from '../autofill/fill-commands.ts';
import { openKeyfobFor } from '../autofill/open-keyfob.ts';
import { addPendingFill, peekPendingFill, rememberRecoveryInFlight, takePendingFills } from '../autofill/pending-fills.ts';
import { vault } from '../autofill/vault-port.ts';

type AutofillMethod = 'autofillConfig' | 'codeForField' | 'requestFillHelp' | 'saveRecoveryCodes' | 'pendingFill' | 'choosePendingFill';

const FIELD_KINDS: readonly FieldKind[] = ['totp', 'recovery'];
const TRIGGERS: readonly FillTrigger[] = ['auto', 'click', 'command', 'unlocked', 'added'];
const MAX_WAIT_MS = 3500;

// Listeners must be registered while the worker script first runs, so this module installs them on import.
installFillCommands(vault);

function oneOf<T extends string>(obj: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  const v = obj[key];
  const found = allowed.find((a) => a === v);
  if (!found) throw new HandlerError('invalid_request', `Field "${key}" must be one of ${allowed.join(', ')}`);
  return found;
}

function tabIdOf(obj: Record<string, unknown>): number {
  const v = obj.tabId;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new HandlerError('invalid_request', 'Field "tabId" must be a tab id');
  return v;
}

/** The sender's site, from the browser's view of the frame, never from anything the page sent. */
function senderSite(ctx: SenderContext): string | null {
  return ctx.origin ? siteOf(ctx.origin) : null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function totpReply(accountId: string, period: number): Promise<FieldCodeReply> {
  const moment = fillMoment(Date.now(), period);
  if (moment.waitMs > 0) await sleep(Math.min(moment.waitMs, MAX_WAIT_MS));
  const { code, validUntil } = await vault.codeAt(accountId, moment.at);
  return { status: 'code', code, validUntil };
}

async function codeForField(fieldKind: FieldKind, trigger: FillTrigger, ctx: SenderContext): Promise<FieldCodeReply> {
  const site = senderSite(ctx);
  if (!site) return { status: 'none' };
  const settings = await vault.settings();
  if (settings.autofillMode === 'off' && trigger === 'auto') return { status: 'none' };
  const now = Date.now();
  if (!(await vault.isUnlocked())) {
    if (ctx.tabId !== null) {
      await addPendingFill({ tabId: ctx.tabId, frameId: ctx.frameId ?? 0, site, fieldKind, reason: 'locked', createdAt: now });
    }
    return { status: 'locked' };
  }
  const eligible = eligibleFor(await vault.listAccounts(), site).filter((a) => a.type === 'totp' || fieldKind === 'recovery');
  if (fieldKind === 'recovery') {
    const withCodes = eligible.filter((a) => a.recoveryCodes.unused > 0);
    const account = withCodes.length === 1 ? withCodes[0] : undefined;
    if (!account) return { status: withCodes.length > 1 ? 'choose' : 'none' };
    const code = await vault.nextRecoveryCode(account.id);
    if (!code) return { status: 'none' };
    if (ctx.tabId !== null && ctx.url) {
      await rememberRecoveryInFlight({ tabId: ctx.tabId, accountId: account.id, code, site, path: new URL(ctx.url).pathname });
    }
    return { status: 'code', code, validUntil: now + 5 * 60_000 };
  }
  const only = eligible.length === 1 ? eligible[0] : undefined;
  if (only) return totpReply(only.id, only.period);
  // Nothing chosen automatically; on an explicit request Keyfob's own window asks which account (and to link).
  if (trigger !== 'auto' && ctx.tabId !== null) {
    await addPendingFill({ tabId: ctx.tabId, frameId: ctx.frameId ?? 0, site, fieldKind, reason: 'choose', createdAt: now });
    await openKeyfobFor(ctx.tabId, 'choose');
    return { status: 'choose' };
  }
  if (eligible.length === 0 && trigger === 'auto' && ctx.tabId !== null) {
    // Remembered so that an account scanned from this very page (the enable-2FA page) fills its confirmation field.
    await addPendingFill({ tabId: ctx.tabId, frameId: ctx.frameId ?? 0, site, fieldKind, reason: 'none', createdAt: now });
  }
  return { status: eligible.length > 1 ? 'choose' : 'none' };
}

function parseCodes(raw: unknown): string[] {
  const obj = expectObject(raw);
  const codes = obj.codes;
  if (!Array.isArray(codes) || codes.length < 1 || codes.length > 32
    || !codes.every((c) => typeof c === 'string' && /^[A-Za-z0-9 -]{4,64}$/.test(c))) {
    throw new HandlerError('invalid_request', 'Field "codes" must list 1 to 32 recovery codes');
  }
  return codes as string[];
}

export const autofillHandlers: HandlerTable<AutofillMethod> = {
  autofillConfig: {
    allow: ['content-script'],
    parse: () => ({}),
    run: async () => {
      const { autofillMode, submitAfterFill } = await vault.settings();
      return { mode: autofillMode, submitAfterFill };
    },
  },
  codeForField: {
    allow: ['content-script'],
    parse: (raw) => {
      const obj = expectObject(raw);
      return { fieldKind: oneOf(obj, 'fieldKind', FIELD_KINDS), trigger: oneOf(obj, 'trigger', TRIGGERS) };
    },
    run: (req, ctx) => codeForField(req.fieldKind, req.trigger, ctx),
  },
  requestFillHelp: {
    allow: ['content-script'],
    parse: (raw) => ({ fieldKind: oneOf(expectObject(raw), 'fieldKind', FIELD_KINDS) }),
    run: async (req, ctx) => {
      const site = senderSite(ctx);
      if (!site || ctx.tabId === null) return { opened: false };
      await addPendingFill({ tabId: ctx.tabId, frameId: ctx.frameId ?? 0, site, fieldKind: req.fieldKind, reason: 'locked', createdAt: Date.now() });
      return { opened: await openKeyfobFor(ctx.tabId, 'unlock') };
    },
  },
  saveRecoveryCodes: {
    allow: ['content-script'],
    parse: (raw) => ({ codes: parseCodes(raw) }),
    run: async (req, ctx) => {
      const site = senderSite(ctx);
      if (!site) throw new HandlerError('forbidden', 'This page has no site');
      if (!(await vault.isUnlocked())) throw new HandlerError('locked', 'Unlock Keyfob first, then save the codes');
      const bound = eligibleFor(await vault.listAccounts(), site);
      const account = bound.length === 1 ? bound[0] : undefined;
      if (!account) throw new HandlerError('not_found', bound.length ? 'Several Keyfob accounts use this site' : 'No Keyfob account is linked to this site');
      return { saved: await vault.saveRecoveryCodes(account.id, req.codes) };
    },
  },
  pendingFill: {
    allow: ['extension-page'],
    parse: (raw) => ({ tabId: tabIdOf(expectObject(raw)) }),
    run: async (req): Promise<PendingFillView | null> => {
      const pending = await peekPendingFill(req.tabId);
      if (!pending) return null;
      const accounts = (await vault.listAccounts())
        .map((a) => ({ id: a.id, issuer: a.issuer, account: a.account, bound: a.sites.includes(pending.site) }))
        .sort((x, y) => Number(y.bound) - Number(x.bound));
      return { site: pending.site, fieldKind: pending.fieldKind, accounts };
    },
  },
  choosePendingFill: {
    allow: ['extension-page'],
    parse: (raw) => {
      const obj = expectObject(raw);
      const accountId = obj.accountId;
      if (typeof accountId !== 'string' || accountId.length > 128) throw new HandlerError('invalid_request', 'Field "accountId" must be an id');
      return { tabId: tabIdOf(obj), accountId, linkSite: obj.linkSite === true };
    },
    run: async (req) => {
      const waiting = await peekPendingFill(req.tabId);
      if (!waiting) throw new HandlerError('not_found', 'That fill is no longer waiting');
      const account = (await vault.listAccounts()).find((a) => a.id === req.accountId);
      if (!account) throw new HandlerError('not_found', 'No such account');
      const bound = account.sites.includes(waiting.site);
      // An unbound account is used only after the user confirmed "Link this site to …?", which binds it for next time.
      if (!bound && !req.linkSite) throw new HandlerError('forbidden', `Link ${waiting.site} to this account first`);
      const [pending] = await takePendingFills((p) => (p.tabId === waiting.tabId && p.frameId === waiting.frameId && p.reason === 'choose'), Date.now());
      if (!pending) throw new HandlerError('not_found', 'That fill is no longer waiting');
      if (!bound) await vault.addSite(account.id, pending.site);
      const reply = pending.fieldKind === 'recovery'
        ? { status: 'code' as const, code: (await vault.nextRecoveryCode(account.id)) ?? '', validUntil: 0 }
        : await totpReply(account.id, account.period);
      if (reply.status !== 'code' || !reply.code) return { filled: false };
      const answer = await sendFillNow(pending.tabId, pending.frameId, { trigger: 'click', code: reply.code });
      return { filled: (answer as { value?: { filled?: boolean } } | undefined)?.value?.filled === true };
    },
  },
};

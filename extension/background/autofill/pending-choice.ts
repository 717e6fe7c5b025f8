// The fills waiting for the user's choice in Keyfob's own window: what the window lists for a tab, the user's pick
// (linking the site first when it is not bound yet), and dismissing the question.
import type { AccountView, PendingFillView, RequestOf } from '../../messages.ts';
import { bindingDecision, type SuffixTable } from '../../../src/shared/index.ts';
import { HandlerError } from '../handler-types.ts';
import { suffixTable } from '../public-suffixes.ts';
import { documentTarget, sendToContent } from './content-port.ts';
import { usableFor } from './field-answers.ts';
import { lookAlikeFor } from './look-alike-check.ts';
import { addFillGrant, peekPendingChoice, takePendingFills, type PendingFill } from './pending-fills.ts';
import { vault } from './vault-port.ts';

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

/** What Keyfob's window shows for the fill waiting in `tabId`, or null when none is. */
export async function pendingFillView(tabId: number): Promise<PendingFillView | null> {
  const pending = await peekPendingChoice(tabId, Date.now());
  if (!pending) return null;
  return {
    origin: pending.origin, topOrigin: pending.topOrigin, frame: pending.frame, fieldKind: pending.fieldKind,
    accounts: choicesFor(pending, await vault.listAccounts(), await suffixTable()),
    lookAlike: await lookAlikeFor(pending.origin),
  };
}

/** The user closed the question: the fills waiting for a choice in `tabId` go. */
export async function dismissPendingChoice(tabId: number): Promise<{ dismissed: number }> {
  return { dismissed: (await takePendingFills((p) => p.tabId === tabId && p.reason === 'choose', Date.now())).length };
}

/** The user's pick for the waiting fill: the document is told to ask again, and only it may redeem the choice. */
export async function choosePendingFill(req: RequestOf<'choosePendingFill'>): Promise<{ filled: boolean }> {
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
}

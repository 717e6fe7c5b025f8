// Ways a fill starts outside the page: the "fill-otp" shortcut, the context menu on editable fields, an unlock that
// completes waiting fills, and an account just added for a waiting field. Each only tells a document to ask: the
// code is always handed out by codeForField, to the sender the browser names.
import { t } from '../../i18n.ts';
import { isBoundOrigin } from '../../../src/shared/index.ts';
import { documentTarget, sendToContent } from './content-port.ts';
import { addPendingFill, takePendingFills, type PendingFill } from './pending-fills.ts';
import type { AutofillVault } from './vault-port.ts';

const MENU_ID = 'keyfob-fill-otp';

/** Registers the browser listeners; called once when the worker script starts (a restart re-registers). */
export function installFillCommands(vault: AutofillVault): void {
  chrome.runtime.onInstalled.addListener(() => {
    chrome.contextMenus.create({ id: MENU_ID, title: t('commandFillOtp'), contexts: ['editable'] }, () => void chrome.runtime.lastError);
  });
  chrome.contextMenus.onClicked.addListener((info, tab) => {
    // The menu was opened in one frame: only that frame is told, and it fills the field the user right-clicked.
    if (info.menuItemId === MENU_ID && tab?.id !== undefined) void sendToContent({ tabId: tab.id, frameId: info.frameId ?? 0 }, 'fillNow', { trigger: 'command' });
  });
  chrome.commands.onCommand.addListener((command, tab) => {
    // The shortcut belongs to the active tab of the focused window; every frame hears it, and only the frame that
    // has the keyboard focus (document.hasFocus) acts, so a background tab or an unfocused frame never does.
    if (command === 'fill-otp' && tab?.id !== undefined && tab.active) void sendToContent({ tabId: tab.id, allFrames: true }, 'fillNow', { trigger: 'command' });
  });
  // Once an account is added, imported, edited or synced, fills that were waiting for an account bound to their
  // origin are completed.
  vault.onAccountsChanged(coalesced(() => fillWaitingForAccount(vault)));
  vault.onUnlocked(() => void continueAfterUnlock(vault));
}

function boundCount(accounts: { origins: string[]; type: string }[], fill: PendingFill): number {
  return accounts.filter((a) => a.type !== 'hotp' && isBoundOrigin(a.origins, fill.origin)).length;
}

/**
 * Fills that waited for the unlock: each document is told to ask again (trigger 'unlocked', which never opens the
 * chooser). A fill the user asked for by hand that needs a choice becomes a choice in the window the user just
 * unlocked, rather than a window opened for a background tab or frame.
 */
async function continueAfterUnlock(vault: AutofillVault): Promise<void> {
  const fills = await takePendingFills((p) => p.reason === 'locked', Date.now());
  if (fills.length === 0) return;
  const accounts = await vault.listAccounts();
  for (const fill of fills) {
    const bound = boundCount(accounts, fill);
    const needsChoice = fill.fieldKind === 'recovery' || fill.frame === 'cross-origin' || bound !== 1;
    if (fill.explicit && needsChoice && accounts.length > 0) {
      await addPendingFill({ ...fill, reason: 'choose', createdAt: Date.now() });
    } else if (bound === 0 && fill.fieldKind === 'totp' && fill.frame !== 'cross-origin') {
      // A vault just created (or one without an account for this origin): the field waits for the account the user is
      // about to scan from this very page, as it would have had the vault existed when the page loaded.
      await addPendingFill({ ...fill, reason: 'none', createdAt: Date.now() });
    } else {
      void sendToContent(documentTarget(fill), 'fillNow', { trigger: 'unlocked' });
    }
  }
}

/**
 * One run of `task` at a time; a call while it runs asks for one more run after it (the later change may be the one
 * a waiting fill needs, and the running pass may have listed the accounts before it).
 */
function coalesced(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    do {
      again = false;
      await task().catch(() => undefined);
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}

/** After accounts changed (the write committed), fills the documents that found a field but had no account for their origin. */
async function fillWaitingForAccount(vault: AutofillVault): Promise<void> {
  const waiting = await takePendingFills((p) => p.reason === 'none', Date.now());
  if (waiting.length === 0) return;
  const accounts = await vault.listAccounts();
  const ready = waiting.filter((p) => boundCount(accounts, p) === 1);
  for (const fill of waiting.filter((p) => !ready.includes(p))) await addPendingFill(fill);
  for (const fill of ready) void sendToContent(documentTarget(fill), 'fillNow', { trigger: 'added' });
}

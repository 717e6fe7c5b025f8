// Ways a fill starts outside the page: the "fill-otp" shortcut, the context menu on editable fields, an unlock
// that completes waiting fills, and the next page after a recovery code was used.
import { isEnvelope, type ContentApi, type FillTrigger } from '../../messages.ts';
import { siteOf } from '../../../src/shared/index.ts';
import { addPendingFill, hasRecoveryInFlight, takePendingFills, takeRecoveryInFlight } from './pending-fills.ts';
import { eligibleFor } from './code-timing.ts';
import type { AutofillVault } from './vault-port.ts';

const MENU_ID = 'keyfob-fill-otp';

export function sendFillNow(tabId: number, frameId: number | undefined, req: ContentApi['fillNow']['req']): Promise<unknown> {
  const message = { keyfob: 1, method: 'fillNow', params: req };
  const sent = frameId === undefined ? chrome.tabs.sendMessage(tabId, message) : chrome.tabs.sendMessage(tabId, message, { frameId });
  // A frame without our script (or gone) is not an error worth surfacing.
  return sent.catch(() => undefined);
}

function askToFill(tabId: number, frameId: number | undefined, trigger: FillTrigger): void {
  void sendFillNow(tabId, frameId, { trigger });
}

/** Registers the browser listeners; called once when the worker script starts (a restart re-registers). */
export function installFillCommands(vault: AutofillVault): void {
  chrome.runtime.onInstalled.addListener(() => {
    chrome.contextMenus.create({ id: MENU_ID, title: 'Fill one-time code', contexts: ['editable'] }, () => void chrome.runtime.lastError);
  });
  chrome.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID && tab?.id !== undefined) askToFill(tab.id, info.frameId ?? 0, 'command');
  });
  chrome.commands.onCommand.addListener((command, tab) => {
    if (command === 'fill-otp' && tab?.id !== undefined) askToFill(tab.id, undefined, 'command');
  });
  // A recovery code is marked used once its tab loads a page past the challenge; the content script tells the URL
  // (the extension has no "tabs" permission to read it).
  chrome.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') void settleAfterLoad(vault, tabId);
  });
  // Accounts are added by the vault's own handlers; this listener only watches for those calls from extension
  // pages (it never answers), then completes fills that were waiting for an account bound to their site.
  chrome.runtime.onMessage.addListener((message: unknown, sender: chrome.runtime.MessageSender) => {
    const fromExtensionPage = sender.id === chrome.runtime.id && sender.url?.startsWith(chrome.runtime.getURL('')) === true;
    if (fromExtensionPage && isEnvelope(message) && ACCOUNT_CHANGES.includes(message.method)) void fillWaitingForAccount(vault);
    return false;
  });
  vault.onUnlocked(() => {
    void takePendingFills((p) => p.reason === 'locked', Date.now()).then((fills) => {
      for (const fill of fills) askToFill(fill.tabId, fill.frameId, 'unlocked');
    });
  });
}

const ACCOUNT_CHANGES = ['addAccounts', 'importData', 'updateAccount'];

/** After an account change, fills the frames that found a field but had no account for their site (a few tries,
 * since the change is still being written when the message is seen). */
async function fillWaitingForAccount(vault: AutofillVault): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    await sleep(250);
    const now = Date.now();
    const waiting = await takePendingFills((p) => p.reason === 'none', now);
    if (waiting.length === 0) return;
    const accounts = await vault.listAccounts();
    const ready = waiting.filter((p) => eligibleFor(accounts, p.site).length === 1);
    for (const fill of waiting.filter((p) => !ready.includes(p))) await addPendingFill(fill);
    for (const fill of ready) void sendFillNow(fill.tabId, fill.frameId, { trigger: 'added' });
    if (ready.length === waiting.length) return;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks the tab's top frame where it is; the content script arrives at document_idle, so it is asked a few times. */
async function topFrameUrl(tabId: number): Promise<URL | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const reply = await chrome.tabs.sendMessage(tabId, { keyfob: 1, method: 'contentPing', params: {} }, { frameId: 0 }) as
        { value?: { href?: unknown } } | undefined;
      const href = reply?.value?.href;
      return typeof href === 'string' ? new URL(href) : null;
    } catch {
      await sleep(200);
    }
  }
  return null;
}

async function settleAfterLoad(vault: AutofillVault, tabId: number): Promise<void> {
  if (!(await hasRecoveryInFlight(tabId))) return;
  const url = await topFrameUrl(tabId);
  const site = url ? siteOf(url.origin) : null;
  if (url && site) await settleRecoveryCode(vault, tabId, site, url.pathname);
}

/** Marks a recovery code used when the tab that received it has moved past the challenge on the same site. */
export async function settleRecoveryCode(vault: AutofillVault, tabId: number, site: string, path: string): Promise<void> {
  const inFlight = await takeRecoveryInFlight(tabId);
  if (!inFlight) return;
  if (inFlight.site === site && inFlight.path !== path) {
    await vault.markRecoveryCodeUsed(inFlight.accountId, inFlight.code);
  }
}

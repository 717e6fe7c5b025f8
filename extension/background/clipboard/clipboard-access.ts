// Runs the "empty the clipboard if it still holds this code" step where a DOM exists: an offscreen page in
// Chromium's service worker, the event page itself in Firefox (which has no offscreen API but has a document).
import { clearClipboardIfHolds, type ClearOutcome } from '../../offscreen/clipboard-dom.ts';
import type { ClearClipboardMessage, ClearClipboardReply } from '../../offscreen/clipboard-protocol.ts';

const OFFSCREEN_PATH = 'extension/offscreen/clipboard.html';

function hasOffscreenApi(): boolean {
  return typeof chrome !== 'undefined' && typeof chrome.offscreen?.createDocument === 'function';
}

async function offscreenDocumentOpen(url: string): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType], documentUrls: [url] });
  return contexts.length > 0;
}

async function clearThroughOffscreen(codeHash: string): Promise<ClearOutcome> {
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  // One offscreen document per extension: a leftover one (worker stopped mid-way) is reused, then closed.
  if (!(await offscreenDocumentOpen(url))) {
    await chrome.offscreen.createDocument({
      url,
      reasons: ['CLIPBOARD'],
      justification: 'Empty the clipboard when a copied one-time code expires, if it still holds that code',
    });
  }
  try {
    const message: ClearClipboardMessage = { keyfobOffscreen: 'clear-clipboard-if-holds', codeHash };
    const reply = (await chrome.runtime.sendMessage(message)) as ClearClipboardReply | undefined;
    return reply?.outcome ?? 'failed';
  } finally {
    await chrome.offscreen.closeDocument().catch(() => undefined);
  }
}

/** Empties the clipboard if it still holds the text whose SHA-256 hex is `codeHash`. */
export async function clearClipboardHolding(codeHash: string): Promise<ClearOutcome> {
  if (hasOffscreenApi()) return clearThroughOffscreen(codeHash);
  if (typeof document !== 'undefined') return clearClipboardIfHolds(codeHash);
  return 'failed';
}

// Runs the "empty the clipboard if it still holds this code" step where a DOM exists: an offscreen page in
// Chromium's service worker, the event page itself in Firefox (which has no offscreen API but has a document).
import { clearClipboardIfHolds, type ClearOutcome } from '../../offscreen/clipboard-dom.ts';
import type { ClearClipboardMessage, ClearClipboardReply } from '../../offscreen/clipboard-protocol.ts';
import { hasOffscreenApi, withOffscreenDocument } from '../platform/offscreen-document.ts';

const OFFSCREEN_PAGE = {
  path: 'extension/offscreen/clipboard.html',
  reasons: ['CLIPBOARD' as chrome.offscreen.Reason],
  justification: 'Empty the clipboard when a copied one-time code expires, if it still holds that code',
};

async function clearThroughOffscreen(codeHash: string): Promise<ClearOutcome> {
  return withOffscreenDocument(OFFSCREEN_PAGE, async () => {
    const message: ClearClipboardMessage = { keyfobOffscreen: 'clear-clipboard-if-holds', codeHash };
    const reply = (await chrome.runtime.sendMessage(message)) as ClearClipboardReply | undefined;
    return reply?.outcome ?? 'failed';
  });
}

/** Empties the clipboard if it still holds the text whose SHA-256 hex is `codeHash`. */
export async function clearClipboardHolding(codeHash: string): Promise<ClearOutcome> {
  if (hasOffscreenApi()) return clearThroughOffscreen(codeHash);
  if (typeof document !== 'undefined') return clearClipboardIfHolds(codeHash);
  return 'failed';
}

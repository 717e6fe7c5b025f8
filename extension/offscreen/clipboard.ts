// Offscreen page: on the background's request, empties the clipboard if it still holds the copied code.
import { clearClipboardIfHolds } from './clipboard-dom.ts';
import { isClearClipboardMessage, type ClearClipboardReply } from './clipboard-protocol.ts';

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: ClearClipboardReply) => void) => {
  // Only our own worker talks to this page; runtime messages never come from web pages, but check anyway.
  if (sender.id !== chrome.runtime.id || !isClearClipboardMessage(message)) return false;
  void clearClipboardIfHolds(message.codeHash)
    .catch(() => 'failed' as const)
    .then((outcome) => sendResponse({ outcome }));
  return true;
});

// Content script: runs on every page, so it stays tiny. Answers the extension's own requests.
import { isEnvelope } from '../messages.ts';

interface ContentReply { ok: true; value: unknown }

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: ContentReply) => void) => {
  // Only the extension itself (background or popup) may ask anything of a content script.
  if (sender.id !== chrome.runtime.id || !isEnvelope(message)) return false;
  if (message.method === 'contentPing') {
    sendResponse({ ok: true, value: { href: location.href, frame: window === window.top ? 'top' : 'sub' } });
  }
  return false;
});

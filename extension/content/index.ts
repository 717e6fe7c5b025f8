// Content script entry: runs in every page and frame, so it stays tiny. Finds one-time-code fields, answers the
// extension's own commands, and does no work at all on pages without a candidate field.
import { isEnvelope, type FillTrigger } from '../messages.ts';
import { considerInputs, fillNow, rememberContextMenuTarget } from './autofill.ts';
import { watchLateFields } from './watch-late-fields.ts';
import { offerToSaveRecoveryCodes } from './recovery-codes.ts';

type ContentReply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

const TRIGGERS: readonly FillTrigger[] = ['command', 'unlocked', 'click', 'added'];

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: ContentReply) => void) => {
  // Only the extension itself (background or popup) may ask anything of a content script.
  if (sender.id !== chrome.runtime.id || !isEnvelope(message)) return false;
  if (message.method === 'contentPing') {
    sendResponse({ ok: true, value: { href: location.href, frame: window === window.top ? 'top' : 'sub' } });
    return false;
  }
  if (message.method === 'fillNow') {
    const p = (message.params ?? {}) as { trigger?: unknown; code?: unknown };
    const trigger = TRIGGERS.find((t) => t === p.trigger);
    if (!trigger) return false;
    const code = typeof p.code === 'string' && /^[A-Za-z0-9-]{4,64}$/.test(p.code) ? p.code : undefined;
    void fillNow(trigger, code).then((filled) => sendResponse({ ok: true, value: { filled } }));
    return true;
  }
  return false;
});

document.addEventListener('contextmenu', rememberContextMenuTarget, { capture: true, passive: true });
// The first check reports every input already on the page; later ones only those added since.
watchLateFields((inputs) => considerInputs(inputs));
offerToSaveRecoveryCodes();

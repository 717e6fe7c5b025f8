// Content script entry: runs in every page and frame, so it stays tiny. Finds one-time-code fields, answers the
// extension's own commands, and does no work at all on pages without a candidate field.
import { isEnvelope, type FillTrigger } from '../messages.ts';
import { considerInputs, fillNow, rememberContextMenuTarget } from './autofill.ts';
import { watchLateFields } from './watch-late-fields.ts';
import { whenIdle } from './when-idle.ts';
import { offerToSaveRecoveryCodes } from './recovery-codes.ts';

type ContentReply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

const TRIGGERS: readonly Exclude<FillTrigger, 'auto' | 'click' | 'refill'>[] = ['command', 'unlocked', 'added', 'chosen'];

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: ContentReply) => void) => {
  // Only the extension itself (background or popup) may ask anything of a content script.
  if (sender.id !== chrome.runtime.id || !isEnvelope(message)) return false;
  if (message.method === 'contentPing') {
    sendResponse({ ok: true, value: { href: location.href, frame: window === window.top ? 'top' : 'sub' } });
    return false;
  }
  if (message.method === 'fillNow') {
    // Only a reason to ask travels this way, never a code: the background hands codes only to the asking sender.
    const p = (message.params ?? {}) as { trigger?: unknown };
    const trigger = TRIGGERS.find((t) => t === p.trigger);
    if (!trigger) return false;
    // Only the focused frame answers the shortcut; the others stay silent so the focused one's answer is the reply.
    if (trigger === 'command' && !document.hasFocus()) return false;
    void fillNow(trigger).then((filled) => sendResponse({ ok: true, value: { filled } }));
    return true;
  }
  return false;
});

document.addEventListener('contextmenu', rememberContextMenuTarget, { capture: true, passive: true });
// The first check reports every input already on the page; later ones only those added since.
watchLateFields((inputs) => considerInputs(inputs));
// A list of recovery codes is never waited on: looked for once the page is idle, off the injection's clock.
whenIdle(offerToSaveRecoveryCodes);

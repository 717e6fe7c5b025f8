// Content script entry: runs in every page and frame, so it stays tiny. It answers the extension's own commands,
// watches for inputs, and puts each through the quick gate; only a page with an input that may be a code field, a
// recovery-code heading or a fill command loads the detector (detector.ts), which classifies, asks and fills.
import { isEnvelope, type FillTrigger } from '../messages.ts';
import { rememberContextMenuTarget, takeContextMenuTarget } from './context-menu-target.ts';
import { CANDIDATE_TYPES } from './find-inputs.ts';
import { createLabelLookup } from './label-lookup.ts';
import { loadDetector } from './load-detector.ts';
import { mayCarryCodeSignal } from './quick-gate.ts';
import { findListHeading } from './recovery-heading.ts';
import { watchLateFields } from './watch-late-fields.ts';
import { whenIdle } from './when-idle.ts';

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
    const pointed = trigger === 'command' ? takeContextMenuTarget() : null;
    void loadDetector().then((d) => d.fillNow(trigger, pointed)).catch(() => false)
      .then((filled) => sendResponse({ ok: true, value: { filled } }));
    return true;
  }
  return false;
});

document.addEventListener('contextmenu', rememberContextMenuTarget, { capture: true, passive: true });

/** The inputs the detector would look at further: a candidate type, and a code signal or a one-character box. */
function worthALook(inputs: HTMLInputElement[]): HTMLInputElement[] {
  const labels = createLabelLookup();
  return inputs.filter((input) => CANDIDATE_TYPES.has(input.type) && (input.maxLength === 1 || mayCarryCodeSignal(input, labels)));
}

// The first check reports every input already on the page; later ones only those added since.
watchLateFields((inputs) => {
  const worth = worthALook(inputs);
  if (worth.length > 0) void loadDetector().then((d) => d.considerInputs(worth)).catch(() => undefined);
});
// A list of recovery codes is never waited on: looked for once the page is idle, off the injection's clock.
whenIdle(() => {
  if (window === window.top && findListHeading()) void loadDetector().then((d) => d.offerToSaveRecoveryCodes()).catch(() => undefined);
});

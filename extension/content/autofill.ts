// The content script's autofill flow: asks the background for one code for one found field and fills it, following
// the user's mode (Automatic / On click / Off). Whatever the background says (locked, several accounts, none), the page
// sees the same key button, so it learns nothing about Keyfob's state beyond the fact that a fill happened.
import { callBackground, type FieldCodeAnswer, type FieldCodeReply, type FillTrigger } from '../messages.ts';
import { plural, t } from '../i18n.ts';
import { findOtpTargets, type OtpTarget } from './find-otp-fields.ts';
import { fillTarget, submitFormOf } from './fill-field.ts';
import { ancestorOrigins } from './ancestor-origins.ts';
import { reportServerDate } from './clock-report.ts';
import { showInlineButton, showKeyButton, showWarning, type InlineUi } from './inline-ui.ts';
import { guardAgainstClearing } from './refill-guard.ts';

interface Tracked { target: OtpTarget; ui: InlineUi | null }

const tracked: Tracked[] = [];
/** The field whose explicit request (key button, shortcut, menu) now waits for the user's choice in Keyfob's window. */
let lastAsked: Tracked | null = null;

function setUi(entry: Tracked, ui: InlineUi | null): void {
  entry.ui?.remove();
  entry.ui = ui;
}

function isEmpty(target: OtpTarget): boolean {
  return target.inputs.every((i) => i.value === '');
}

function isLive(entry: Tracked): boolean {
  return entry.target.inputs.every((i) => i.isConnected);
}

/** The key button; its label lives only in Keyfob's closed shadow root, where the page cannot read it. */
function offerKeyButton(entry: Tracked, status: FieldCodeReply['status']): void {
  const anchor = entry.target.inputs[0];
  if (!anchor) return;
  const label = entry.target.kind === 'recovery' ? t('inlineFillRecovery')
    : status === 'locked' ? t('inlineUnlockToFill') : status === 'no-vault' ? t('inlineSetUp') : t('inlineFill');
  setUi(entry, showKeyButton(anchor, label, () => void askAndFill(entry, 'click')));
}

const secondsUntil = (until: number) => Math.max(1, Math.ceil((until - Date.now()) / 1000));

/**
 * This origin was already given the current code (the site has probably just accepted it): shows "Next code in N s"
 * by the field and asks again the moment the next code is valid.
 */
function waitForNextCode(entry: Tracked, trigger: FillTrigger, until: number): void {
  const anchor = entry.target.inputs[0];
  if (!anchor) return;
  const hint = showInlineButton(anchor, plural('inlineNextCodeIn', secondsUntil(until)), () => undefined);
  setUi(entry, hint);
  const tick = setInterval(() => {
    if (entry.ui !== hint) { clearInterval(tick); return; }
    hint.setText(plural('inlineNextCodeIn', secondsUntil(until)));
  }, 1000);
  setTimeout(() => {
    clearInterval(tick);
    if (entry.ui === hint && isLive(entry)) void askAndFill(entry, trigger);
  }, Math.max(0, until - Date.now()) + 50);
}

async function askAndFill(entry: Tracked, trigger: FillTrigger): Promise<boolean> {
  const { target } = entry;
  if (trigger === 'click' || trigger === 'command') lastAsked = entry;
  let reply: FieldCodeAnswer;
  try {
    reply = await callBackground('codeForField', { fieldKind: target.kind, trigger, ancestors: ancestorOrigins() });
  } catch {
    return false;
  }
  if (reply.status === 'code') {
    // Never overwrite what the user typed meanwhile unless they asked for this fill.
    const asked = trigger === 'click' || trigger === 'command' || trigger === 'chosen';
    if (!asked && !isEmpty(target)) return false;
    if (!isLive(entry)) return false;
    const ok = fillTarget(target.inputs, reply.code);
    if (ok && reply.sampleClock === true) reportServerDate();
    if (ok) {
      setUi(entry, null);
      if (lastAsked === entry) lastAsked = null;
      // A page script that empties the field right after (hydration, a form reset) gets it filled once more.
      guardAgainstClearing(target.inputs, () => void askAndFill(entry, 'refill'));
      if (reply.config.submitAfterFill && target.kind === 'totp' && target.inputs[0]) submitFormOf(target.inputs[0]);
    }
    return ok;
  }
  if (reply.status === 'wait') {
    if (isLive(entry)) waitForNextCode(entry, trigger, reply.until);
    return false;
  }
  if (reply.status === 'look-alike') {
    // Only after the user asked: where the key button was, the warning (Keyfob's window says the same).
    const anchor = target.inputs[0];
    if (anchor && isLive(entry)) setUi(entry, showWarning(anchor, t('lookAlikeWarning', reply.site)));
    return false;
  }
  if (reply.config.mode !== 'off' && isLive(entry)) offerKeyButton(entry, reply.status);
  return false;
}

/**
 * A field found: one ask gives the code (Automatic, one bound account), or says how to show the key button: in
 * "On click" mode and for recovery fields the background never fills on this ask, and in "Off" nothing is drawn.
 */
async function adopt(target: OtpTarget): Promise<void> {
  const entry: Tracked = { target, ui: null };
  tracked.push(entry);
  await askAndFill(entry, 'auto');
}

/** Takes newly seen inputs, keeps the code fields among them, and acts on each once. */
export function considerInputs(inputs?: HTMLInputElement[]): void {
  for (const target of findOtpTargets(inputs)) {
    const first = target.inputs[0];
    if (!first || tracked.some((t) => t.target.inputs.includes(first))) continue;
    void adopt(target);
  }
}

function deepActiveInput(): HTMLInputElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLInputElement ? active : null;
}

/** The field a shortcut or menu command is for: the one right-clicked, else a recognised code field with focus. */
function commandEntry(live: Tracked[], pointed: HTMLInputElement | null): Tracked | undefined {
  if (pointed?.isConnected) {
    const known = live.find((t) => t.target.inputs.includes(pointed));
    if (known) return known;
    // The user right-clicked a field Keyfob did not recognise: that explicit choice wins.
    const entry: Tracked = { target: { kind: 'totp', inputs: [pointed] }, ui: null };
    tracked.push(entry);
    return entry;
  }
  // Focus can be moved by page script, so a focused field counts only when Keyfob itself recognised it.
  const focus = deepActiveInput();
  return live.find((t) => focus && t.target.inputs.includes(focus)) ?? live.find((t) => t.target.kind === 'totp');
}

/**
 * A command from the background: shortcut or context menu, an unlock, an account added, or the user's choice.
 * `pointed`: the field the user right-clicked before a command (context-menu-target.ts), if any.
 */
export async function fillNow(trigger: Exclude<FillTrigger, 'auto' | 'click' | 'refill'>, pointed: HTMLInputElement | null = null): Promise<boolean> {
  const live = tracked.filter(isLive);
  let entry: Tracked | undefined;
  if (trigger === 'command') {
    entry = commandEntry(live, pointed);
  } else if (trigger === 'chosen') {
    entry = lastAsked && isLive(lastAsked) ? lastAsked : undefined;
  } else if (trigger === 'unlocked') {
    entry = (lastAsked && isLive(lastAsked) ? lastAsked : undefined) ?? live.find((t) => t.ui !== null && isEmpty(t.target));
  } else {
    entry = live.find((t) => t.target.kind === 'totp' && isEmpty(t.target));
  }
  if (!entry) return false;
  return askAndFill(entry, trigger);
}

// The content script's autofill flow: asks the background for one code for one found field and fills it,
// following the user's mode (Automatic / On click / Off); shows the key button or the unlock hint.
import { callBackground, type AutofillConfig, type FieldCodeReply, type FillTrigger } from '../messages.ts';
import { findOtpTargets, type OtpTarget } from './find-otp-fields.ts';
import { fillTarget, submitFormOf } from './fill-field.ts';
import { showHint, showKeyButton, type InlineUi } from './inline-ui.ts';

interface Tracked { target: OtpTarget; ui: InlineUi | null }

const tracked: Tracked[] = [];
let config: Promise<AutofillConfig> | null = null;

function readConfig(): Promise<AutofillConfig> {
  config ??= callBackground('autofillConfig', {}).catch(() => ({ mode: 'off', submitAfterFill: false }) as AutofillConfig);
  return config;
}

function setUi(entry: Tracked, ui: InlineUi | null): void {
  entry.ui?.remove();
  entry.ui = ui;
}

function isEmpty(target: OtpTarget): boolean {
  return target.inputs.every((i) => i.value === '');
}

async function askAndFill(entry: Tracked, trigger: FillTrigger): Promise<boolean> {
  const { target } = entry;
  let reply: FieldCodeReply;
  try {
    reply = await callBackground('codeForField', { fieldKind: target.kind, trigger });
  } catch {
    return false;
  }
  if (reply.status === 'code') {
    // Never overwrite what the user typed meanwhile unless they asked for the fill.
    if (trigger === 'auto' && !isEmpty(target)) return false;
    if (!target.inputs.every((i) => i.isConnected)) return false;
    const ok = fillTarget(target.inputs, reply.code);
    if (ok) {
      setUi(entry, null);
      const { submitAfterFill } = await readConfig();
      if (submitAfterFill && target.kind === 'totp' && target.inputs[0]) submitFormOf(target.inputs[0]);
    }
    return ok;
  }
  const anchor = target.inputs[0];
  if (!anchor) return false;
  if (reply.status === 'locked') {
    setUi(entry, showHint(anchor, 'Unlock Keyfob to fill', () => {
      void callBackground('requestFillHelp', { fieldKind: target.kind }).catch(() => undefined);
    }));
  } else if (reply.status === 'choose' && trigger === 'auto') {
    // Several accounts fit: the choice happens in Keyfob's own window, opened from the key button.
    setUi(entry, showKeyButton(anchor, 'Fill from Keyfob…', () => void askAndFill(entry, 'click')));
  }
  return false;
}

async function adopt(target: OtpTarget): Promise<void> {
  const entry: Tracked = { target, ui: null };
  tracked.push(entry);
  const { mode } = await readConfig();
  const anchor = target.inputs[0];
  if (mode === 'off' || !anchor) return;
  // Recovery codes are single-use: offered on click, never typed on sight.
  if (mode === 'on-click' || target.kind === 'recovery') {
    const label = target.kind === 'recovery' ? 'Fill a recovery code from Keyfob' : 'Fill from Keyfob';
    setUi(entry, showKeyButton(anchor, label, () => void askAndFill(entry, 'click')));
    return;
  }
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

let contextMenuTarget: HTMLInputElement | null = null;

/** Remembers the field a context menu was opened on, for "Fill one-time code" from that menu. */
export function rememberContextMenuTarget(event: Event): void {
  const el = event.composedPath()[0];
  contextMenuTarget = el instanceof HTMLInputElement ? el : null;
}

function deepActiveInput(): HTMLInputElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLInputElement ? active : null;
}

/** A command from the background (shortcut, context menu, unlock, a choice made in Keyfob). */
export async function fillNow(trigger: FillTrigger, code?: string): Promise<boolean> {
  const live = tracked.filter((t) => t.target.inputs.every((i) => i.isConnected));
  const focus = contextMenuTarget ?? deepActiveInput();
  let entry = live.find((t) => focus && t.target.inputs.includes(focus))
    ?? (trigger === 'unlocked' ? live.find((t) => t.ui !== null && isEmpty(t.target)) : undefined)
    ?? (trigger === 'added' ? live.find((t) => t.target.kind === 'totp' && isEmpty(t.target)) : undefined)
    ?? live.find((t) => t.target.kind === 'totp');
  // The user pointed at a field we did not recognise: their explicit choice wins.
  if (!entry && focus && trigger === 'command') {
    entry = { target: { kind: 'totp', inputs: [focus] }, ui: null };
    tracked.push(entry);
  }
  contextMenuTarget = null;
  if (!entry || (trigger === 'added' && !isEmpty(entry.target))) return false;
  if (code) {
    const ok = fillTarget(entry.target.inputs, code);
    if (ok) setUi(entry, null);
    return ok;
  }
  return askAndFill(entry, trigger);
}

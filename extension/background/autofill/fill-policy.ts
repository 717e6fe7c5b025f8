// What the background does when a document asks for a code: the whole autofill trust rule as one pure function,
// so that every case (trigger × frame × lock × accounts) is a row in a table test.
import type { AutofillMode, FieldKind, FillTrigger } from '../../messages.ts';
import type { FrameRelation } from './frame-context.ts';

export interface FillFacts {
  trigger: Exclude<FillTrigger, 'chosen'>;
  fieldKind: FieldKind;
  relation: FrameRelation;
  unlocked: boolean;
  mode: AutofillMode;
  /** Accounts usable for this field whose bound origins include the asking origin exactly. */
  boundCount: number;
}

/**
 * fill: hand out the one bound account's TOTP code now.
 * ask-user: open Keyfob's own window, where the user picks (and links, or spends a recovery code).
 * unlock: open Keyfob's window to unlock; the fill waits for it.
 * wait-unlock: remember the fill for after an unlock, open nothing.
 * wait-account: remember the field, in case an account for its origin is added (scanned from this page).
 * nothing: give nothing; the page keeps Keyfob's key button, whatever the reason.
 */
export type FillAction = 'fill' | 'ask-user' | 'unlock' | 'wait-unlock' | 'wait-account' | 'nothing';

/** The user acted on this very document: the key button (a guarded, trusted click), the shortcut, the context menu. */
export function isExplicit(trigger: FillTrigger): boolean {
  return trigger === 'click' || trigger === 'command';
}

export function decideFill(f: FillFacts): FillAction {
  const explicit = isExplicit(f.trigger);
  // Filling once more a field a page script emptied: only where a fill happened on sight in the first place.
  if (f.trigger === 'refill') {
    const wouldFill = f.unlocked && f.mode !== 'off' && f.fieldKind === 'totp' && f.boundCount === 1 && f.relation !== 'cross-origin';
    return wouldFill ? 'fill' : 'nothing';
  }
  if (f.mode === 'off' && !explicit) return 'nothing';
  // Every document asks on sight (one round trip gives it the code or the settings): in "On click" mode, and for a
  // recovery field, that ask is only to learn how to show the key button, never a fill or a wait.
  if (f.trigger === 'auto' && (f.mode === 'on-click' || f.fieldKind === 'recovery')) return 'nothing';
  if (!f.unlocked) {
    if (explicit) return 'unlock';
    return f.trigger === 'auto' ? 'wait-unlock' : 'nothing';
  }
  // A recovery code is used up when given, so it leaves only after a choice in Keyfob's own window.
  if (f.fieldKind === 'recovery') return explicit ? 'ask-user' : 'nothing';
  if (f.boundCount === 1) {
    // A frame of another origin can be overlaid and steered by the page framing it: only a click on Keyfob's own
    // button in that frame fills it; the shortcut there goes through Keyfob's window, which names both origins.
    if (f.relation !== 'cross-origin') return 'fill';
    if (f.trigger === 'click') return 'fill';
    return explicit ? 'ask-user' : 'nothing';
  }
  // Several accounts, or only related or unrelated ones: the user chooses, and never because of an unlock or an add.
  if (explicit) return 'ask-user';
  if (f.trigger === 'auto' && f.boundCount === 0 && f.relation !== 'cross-origin') return 'wait-account';
  return 'nothing';
}

// The autofill trust rule as a table: trigger × frame × lock × bound accounts → what the background does.
import { describe, expect, it } from 'vitest';
import { decideFill, type FillAction, type FillFacts } from '../../../../extension/background/autofill/fill-policy.ts';

const base: FillFacts = { trigger: 'auto', fieldKind: 'totp', relation: 'top', unlocked: true, mode: 'automatic', boundCount: 1 };

const TABLE: [Partial<FillFacts>, FillAction][] = [
  // the one legitimate automatic fill: one bound account, top page or a frame of the top page's origin
  [{}, 'fill'],
  [{ relation: 'same-origin' }, 'fill'],
  [{ trigger: 'unlocked' }, 'fill'],
  [{ trigger: 'added' }, 'fill'],
  [{ trigger: 'click' }, 'fill'],
  [{ trigger: 'command' }, 'fill'],
  // a frame of another origin: the page framing it could overlay it, so only a click on Keyfob's own button fills
  [{ relation: 'cross-origin' }, 'nothing'],
  [{ relation: 'cross-origin', trigger: 'unlocked' }, 'nothing'],
  [{ relation: 'cross-origin', trigger: 'added' }, 'nothing'],
  [{ relation: 'cross-origin', trigger: 'click' }, 'fill'],
  [{ relation: 'cross-origin', trigger: 'command' }, 'ask-user'],
  [{ relation: 'cross-origin', boundCount: 0 }, 'nothing'],
  // several or no bound accounts: a choice in Keyfob's window, and only when the user asked
  [{ boundCount: 2 }, 'nothing'],
  [{ boundCount: 2, trigger: 'click' }, 'ask-user'],
  [{ boundCount: 2, trigger: 'command' }, 'ask-user'],
  [{ boundCount: 2, trigger: 'unlocked' }, 'nothing'],
  [{ boundCount: 2, trigger: 'added' }, 'nothing'],
  [{ boundCount: 0 }, 'wait-account'],
  [{ boundCount: 0, trigger: 'click' }, 'ask-user'],
  [{ boundCount: 0, trigger: 'unlocked' }, 'nothing'],
  // recovery codes are used up when given: only through Keyfob's window, whatever the trigger
  [{ fieldKind: 'recovery' }, 'nothing'],
  [{ fieldKind: 'recovery', trigger: 'unlocked' }, 'nothing'],
  [{ fieldKind: 'recovery', trigger: 'added' }, 'nothing'],
  [{ fieldKind: 'recovery', trigger: 'click' }, 'ask-user'],
  [{ fieldKind: 'recovery', trigger: 'command' }, 'ask-user'],
  // locked: an explicit request opens Keyfob to unlock; a field found on load waits quietly
  [{ unlocked: false, boundCount: 0 }, 'wait-unlock'],
  [{ unlocked: false, boundCount: 0, trigger: 'click' }, 'unlock'],
  [{ unlocked: false, boundCount: 0, trigger: 'command' }, 'unlock'],
  [{ unlocked: false, boundCount: 0, trigger: 'added' }, 'nothing'],
  // a page script emptied a field Keyfob filled on sight: filled once more only where it was filled on sight
  [{ trigger: 'refill' }, 'fill'],
  [{ trigger: 'refill', relation: 'cross-origin' }, 'nothing'],
  [{ trigger: 'refill', boundCount: 2 }, 'nothing'],
  [{ trigger: 'refill', unlocked: false }, 'nothing'],
  [{ trigger: 'refill', fieldKind: 'recovery' }, 'nothing'],
  [{ trigger: 'refill', mode: 'off' }, 'nothing'],
  // the user's mode
  [{ mode: 'off' }, 'nothing'],
  [{ mode: 'off', unlocked: false }, 'nothing'],
  [{ mode: 'off', trigger: 'command' }, 'fill'],
  [{ mode: 'on-click', trigger: 'click' }, 'fill'],
  // "On click": the page's ask on sight never fills, waits or opens anything
  [{ mode: 'on-click' }, 'nothing'],
  [{ mode: 'on-click', unlocked: false }, 'nothing'],
  [{ mode: 'on-click', boundCount: 0 }, 'nothing'],
  [{ mode: 'on-click', trigger: 'command', boundCount: 2 }, 'ask-user'],
  // a recovery field asks on sight only to learn how to show its button
  [{ fieldKind: 'recovery', unlocked: false }, 'nothing'],
];

describe('decideFill', () => {
  it.each(TABLE)('%j → %s', (facts, expected) => {
    expect(decideFill({ ...base, ...facts })).toBe(expected);
  });
});

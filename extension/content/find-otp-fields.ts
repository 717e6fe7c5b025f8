// Finds one-time-code targets (a single field, or a group of split one-character boxes) in a document,
// inside open shadow roots too.
import type { FieldKind } from '../messages.ts';
import { classifyField, classifySplitGroup, hasCodeSignal } from './classify-field.ts';
import { factsOf, groupLabelOf, isSoleTextInput, isUsable, surroundingsOf } from './field-facts.ts';
import { mayCarryCodeSignal } from './quick-gate.ts';
import { CANDIDATE_TYPES, collectInputs } from './find-inputs.ts';
import { createLabelLookup } from './label-lookup.ts';

export interface OtpTarget {
  kind: FieldKind;
  /** One input, or the split boxes in order. */
  inputs: HTMLInputElement[];
}

function isOneCharBox(input: HTMLInputElement): boolean {
  return input.maxLength === 1 && isUsable(input);
}

/** Groups one-character boxes by their nearest container holding at least four of them. */
function splitGroups(boxes: HTMLInputElement[]): HTMLInputElement[][] {
  const byContainer = new Map<Element, HTMLInputElement[]>();
  for (const box of boxes) {
    let container = box.parentElement;
    for (let depth = 0; container && depth < 3; depth++) {
      const inside = boxes.filter((b) => container?.contains(b)).length;
      if (inside >= 4) break;
      container = container.parentElement;
    }
    if (!container) continue;
    const group = byContainer.get(container) ?? [];
    group.push(box);
    byContainer.set(container, group);
  }
  return [...byContainer.values()];
}

/** Classifies candidate inputs; `inputs` defaults to everything in the document. */
export function findOtpTargets(inputs: HTMLInputElement[] = collectInputs(document)): OtpTarget[] {
  const targets: OtpTarget[] = [];
  const boxes: HTMLInputElement[] = [];
  const labels = createLabelLookup();
  for (const input of inputs) {
    // Property reads only until a field looks promising: no layout, no text gathering for ordinary inputs.
    if (!CANDIDATE_TYPES.has(input.type)) continue;
    if (input.maxLength === 1) {
      if (isOneCharBox(input)) boxes.push(input);
      continue;
    }
    // Most inputs of most pages stop here, after a few attribute reads.
    if (!mayCarryCodeSignal(input, labels)) continue;
    const facts = factsOf(input, false, labels);
    // A field with no code words of its own is still worth a look when it is the focused, only field of its form
    // (a bare name="challenge" under a heading that names the authenticator).
    if (!hasCodeSignal(facts) && !(input.autofocus && isSoleTextInput(input))) continue;
    facts.usable = isUsable(input);
    if (!facts.usable) continue;
    facts.soleTextInput = isSoleTextInput(input);
    const { context, around } = surroundingsOf(input);
    facts.around = around;
    const kind = classifyField(facts, context);
    if (kind) targets.push({ kind, inputs: [input] });
  }
  for (const group of splitGroups(boxes)) {
    const first = group[0];
    if (!first) continue;
    const facts = group.map((b) => factsOf(b, true, labels));
    const { context, around } = surroundingsOf(first);
    if (facts[0]) facts[0].around = around;
    const kind = classifySplitGroup(facts, context, groupLabelOf(first));
    if (kind) targets.push({ kind, inputs: group });
  }
  return targets;
}

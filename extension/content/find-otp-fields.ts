// Finds one-time-code targets (a single field, or a group of split one-character boxes) in a document,
// inside open shadow roots too.
import type { FieldKind } from '../messages.ts';
import { classifyField, classifySplitGroup, hasCodeSignal } from './classify-field.ts';
import { contextOf, createLabelLookup, factsOf, groupLabelOf, isSoleTextInput, isUsable } from './field-facts.ts';

export interface OtpTarget {
  kind: FieldKind;
  /** One input, or the split boxes in order. */
  inputs: HTMLInputElement[];
}

const CANDIDATE_TYPES = new Set(['text', 'tel', 'number', 'password']);

/** What a look under some nodes found: inputs, the open shadow roots passed through, and custom elements with no root yet. */
export interface TreeFinds {
  inputs: HTMLInputElement[];
  roots: ShadowRoot[];
  /** Custom elements without an open shadow root: web components often attach theirs a moment later. */
  rootless: Element[];
}

const CUSTOM_ELEMENTS = "descendant-or-self::*[contains(local-name(), '-')]";

/**
 * Inputs under `node`, descending into open shadow roots at any depth. Shadow hosts are looked for on custom
 * elements (names with a hyphen), where web components put them; an XPath query finds those in native code, so a
 * large page does not pay for touching every element.
 */
export function exploreTree(node: Document | ShadowRoot | Element, finds: TreeFinds = { inputs: [], roots: [], rootless: [] }): TreeFinds {
  if (node instanceof HTMLInputElement) {
    finds.inputs.push(node);
    return finds;
  }
  for (const input of Array.from(node.querySelectorAll('input'))) finds.inputs.push(input);
  // XPath refuses a shadow root as its context node, so inside one each top-level child is searched instead.
  const contexts: Node[] = node instanceof ShadowRoot ? Array.from(node.children) : [node];
  for (const context of contexts) {
    const hosts = document.evaluate(CUSTOM_ELEMENTS, context, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    for (let i = 0; i < hosts.snapshotLength; i++) {
      const host = hosts.snapshotItem(i) as Element;
      const root = host.shadowRoot;
      if (!root) finds.rootless.push(host);
      else if (!finds.roots.includes(root)) {
        finds.roots.push(root);
        exploreTree(root, finds);
      }
    }
  }
  // A custom element is the usual host, but any element may carry an open root (a <div> of a design system).
  if (node instanceof Element && node.shadowRoot && !node.localName.includes('-') && !finds.roots.includes(node.shadowRoot)) {
    finds.roots.push(node.shadowRoot);
    exploreTree(node.shadowRoot, finds);
  }
  return finds;
}

/** Every input under `root`, descending into open shadow roots at any depth. */
export function collectInputs(root: Document | ShadowRoot | Element): HTMLInputElement[] {
  return exploreTree(root).inputs;
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
    const facts = factsOf(input, false, labels);
    if (!hasCodeSignal(facts)) continue;
    facts.usable = isUsable(input);
    if (!facts.usable) continue;
    facts.soleTextInput = isSoleTextInput(input);
    const kind = classifyField(facts, contextOf(input));
    if (kind) targets.push({ kind, inputs: [input] });
  }
  for (const group of splitGroups(boxes)) {
    const first = group[0];
    if (!first) continue;
    const kind = classifySplitGroup(group.map((b) => factsOf(b, true, labels)), contextOf(first), groupLabelOf(first));
    if (kind) targets.push({ kind, inputs: group });
  }
  return targets;
}

// Reads, from the DOM, the plain facts classify-field.ts judges: attributes, label text, visibility, context.
import type { FieldFacts } from './classify-field.ts';
import { compactText } from './classify-field.ts';

/** How much of the field's own form (or nearest block) is read. */
const BLOCK_CHARS = 1500;
/** Bounds on the headings and paragraphs read before the form, nearest first. */
const BEFORE_ELEMENTS = 8;
const BEFORE_CHARS = 600;
const BEFORE_LEVELS = 5;
/** Where what precedes a field stops being about it. */
const BOUNDARY = 'section, article, dialog, [role="dialog"], [role="alertdialog"], main, body, [role="main"]';
/** Text-like input types (the `type` property), for "the only text-like input of its form". */
const TEXT_LIKE = new Set(['text', 'tel', 'number', 'password', 'email', 'search', 'url']);
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg']);

/** Text of `<label for=…>` elements by id, per document or shadow root, read once per scan. */
export type LabelLookup = (input: HTMLInputElement) => string;

/**
 * `input.labels` searches the whole document for every input (about 0.1 ms each on a large page), so the
 * `for=` labels are read once per root into a map, and wrapping labels are found by walking up.
 */
export function createLabelLookup(): LabelLookup {
  const byRoot = new Map<Node, Map<string, string>>();
  return (input) => {
    const parts: string[] = [input.closest('label')?.textContent ?? ''];
    if (input.id) {
      const root = input.getRootNode() as Document | ShadowRoot;
      let byId = byRoot.get(root);
      if (!byId) {
        byId = new Map();
        for (const label of Array.from(root.querySelectorAll('label[for]'))) {
          const id = label.getAttribute('for') ?? '';
          byId.set(id, `${byId.get(id) ?? ''} ${label.textContent ?? ''}`);
        }
        byRoot.set(root, byId);
      }
      parts.push(byId.get(input.id) ?? '');
    }
    const labelledBy = input.getAttribute('aria-labelledby');
    if (labelledBy) {
      const root = input.getRootNode() as Document | ShadowRoot;
      for (const id of labelledBy.split(/\s+/)) parts.push(root.getElementById?.(id)?.textContent ?? '');
    }
    return parts.join(' ').slice(0, 200);
  };
}

/** Visible on screen, enabled and editable: hidden fields are traps (honeypots) or not ours. */
export function isUsable(input: HTMLInputElement): boolean {
  if (input.disabled || input.readOnly || input.type === 'hidden') return false;
  if (input.getClientRects().length === 0) return false;
  const rect = input.getBoundingClientRect();
  if (rect.width < 4 || rect.height < 4) return false;
  const style = getComputedStyle(input);
  return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0.05;
}

/**
 * Attribute facts first; `withLayout` false skips the visibility check, which forces a layout on big pages,
 * so it is only paid for fields that already carry a code signal.
 */
export function factsOf(input: HTMLInputElement, withLayout = true, labelText: LabelLookup = createLabelLookup()): FieldFacts {
  const attr = (name: string) => input.getAttribute(name) ?? '';
  return {
    name: attr('name'),
    id: attr('id'),
    type: attr('type').toLowerCase(),
    autocomplete: attr('autocomplete').toLowerCase(),
    inputMode: attr('inputmode').toLowerCase(),
    maxLength: input.maxLength,
    pattern: attr('pattern'),
    texts: [attr('name'), attr('id'), attr('placeholder'), attr('aria-label'), attr('title'), labelText(input)].filter(Boolean),
    usable: withLayout ? isUsable(input) : true,
  };
}

/**
 * Up to `max` characters of an element's text, stopping early: `textContent` would copy a whole subtree, which
 * for a page-sized block is the page.
 */
function boundedText(el: Element, max: number): string {
  if (NOT_TEXT.has(el.localName)) return '';
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(), visited = 0; node && text.length < max && visited < 400; node = walker.nextNode(), visited++) {
    if (NOT_TEXT.has(node.parentElement?.localName ?? '')) continue;
    text += ` ${node.nodeValue ?? ''}`;
  }
  return text.slice(0, max);
}

/** The element `levels` parents up, or the topmost one below the document or shadow root. */
function nearestBlock(el: Element, levels: number): Element {
  let block = el;
  for (let i = 0; i < levels && block.parentElement; i++) block = block.parentElement;
  return block;
}

/** The parent element, or the shadow host for the top of a shadow root: context reading climbs out of components. */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * The headings and paragraphs before `block`, nearest first: its earlier siblings, then its parents' earlier
 * siblings, up to the enclosing section or dialog (whose own label counts too). Bounded in elements and characters,
 * since real pages say what a field is for just above the form, not far away.
 */
function precedingText(block: Element): string[] {
  const parts: string[] = [];
  let chars = 0;
  let elements = 0;
  let el: Element | null = block;
  for (let level = 0; el && level < BEFORE_LEVELS; level++) {
    for (let sib = el.previousElementSibling; sib && elements < BEFORE_ELEMENTS && chars < BEFORE_CHARS; sib = sib.previousElementSibling) {
      elements++;
      const text = boundedText(sib, BEFORE_CHARS - chars);
      chars += text.length;
      parts.push(text);
    }
    const parent = parentOf(el);
    if (!parent || parent.matches(BOUNDARY)) {
      if (parent) parts.push(labelOf(parent));
      break;
    }
    el = parent;
  }
  return parts;
}

/** aria-label and aria-labelledby text of a section, dialog or group. */
function labelOf(el: Element): string {
  const parts = [el.getAttribute('aria-label') ?? ''];
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = el.getRootNode() as Document | ShadowRoot;
    for (const id of labelledBy.split(/\s+/).slice(0, 4)) {
      const label = root.getElementById?.(id);
      if (label) parts.push(boundedText(label, 200));
    }
  }
  return parts.join(' ');
}

/**
 * Compact text of what surrounds the field: its form (or nearest block), the headings and paragraphs just before
 * that in its section or dialog, and the page title. Each piece is compacted apart, so a phrase never spans two.
 */
export function contextOf(input: Element): string {
  const block = input.closest('form') ?? nearestBlock(input, 4);
  return [document.title, boundedText(block, BLOCK_CHARS), ...precedingText(block)].map(compactText).join(' ');
}

/** Whether the input is the only text-like input of its form (or, without a form, of its nearest block). */
export function isSoleTextInput(input: HTMLInputElement): boolean {
  // form.elements also holds inputs outside the form's subtree that join it with form="…".
  const inputs = input.form ? Array.from(input.form.elements) : nearestBlock(input, 3).querySelectorAll('input');
  let textLike = 0;
  for (const el of inputs) if (el instanceof HTMLInputElement && TEXT_LIKE.has(el.type)) textLike++;
  return textLike === 1;
}

/** The label of a group of split boxes: its nearest fieldset's legend or role="group"'s aria-label / labelledby. */
export function groupLabelOf(firstBox: Element): string {
  const group = firstBox.closest('fieldset, [role="group"]');
  if (!group) return '';
  const legend = group.localName === 'fieldset' ? group.querySelector(':scope > legend') : null;
  return `${legend ? boundedText(legend, 200) : ''} ${labelOf(group)}`.slice(0, 400);
}

// Reads, from the DOM, the plain facts classify-field.ts judges: attributes, label text, visibility, context.
import type { Around, FieldFacts } from './classify-field.ts';
import { compactText } from './compact-text.ts';
import { showsDestination } from './masked-destination.ts';
import { createLabelLookup, type LabelLookup } from './label-lookup.ts';

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
    // The property, not the attribute: an unknown type ("code") is a text field to the browser.
    type: input.type,
    autocomplete: attr('autocomplete').toLowerCase(),
    inputMode: attr('inputmode').toLowerCase(),
    maxLength: input.maxLength,
    minLength: input.minLength,
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

/** Links and buttons: the field's own submit is read as text, any other is a way out (another method, a resend). */
const CONTROL = 'a, button, [role="button"], [role="tab"], [role="link"], input[type="submit"], input[type="button"]';
const HEADING = 'h1, h2, h3, h4, h5, h6, legend, caption, [role="heading"]';
/** Where the controls after a field's block stop being about it: so many sibling elements, so many levels up. */
const AFTER_ELEMENTS = 12;
const AFTER_CONTROLS = 24;
const AFTER_NODES = 400;

/** Text read around one field, by role; `pieces` are compacted apart so a phrase never spans two. */
interface Reading {
  input: HTMLInputElement;
  primary: Element | null;
  pieces: string[];
  headings: string[];
  others: string[];
  chars: number;
  nodes: number;
}

/** Hidden without asking for layout: the `hidden` attribute or an inline display:none (how script toggles show it). */
function hiddenByMarkup(el: Element): boolean {
  return el.hasAttribute('hidden') || (el as HTMLElement).style?.display === 'none';
}

/** The first submit button after the field in its form: its words are about the field ("Use Authenticator"). */
function primarySubmitOf(input: HTMLInputElement): Element | null {
  const form = input.form;
  if (!form) return null;
  for (const el of Array.from(form.querySelectorAll('button, input[type="submit"]'))) {
    if (el.localName === 'button' && (el as HTMLButtonElement).type !== 'submit') continue;
    if (input.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) return el;
  }
  return null;
}

/** A label that belongs to another input ("Email address", "Remember me") says nothing about this field. */
function labelsOtherInput(label: Element, input: HTMLInputElement): boolean {
  const target = label.getAttribute('for');
  if (target) return target !== input.id;
  return !label.contains(input) && label.querySelector('input, select, textarea') !== null;
}

/** A method chooser's choice is a heading for the field: the checked radio's label, the selected option. */
function readChosenRadio(label: HTMLLabelElement, r: Reading): void {
  const control = label.control;
  if (control instanceof HTMLInputElement && control.type === 'radio' && control.checked) r.headings.push(boundedText(label, 120));
}

function readChosenOption(select: HTMLSelectElement, r: Reading): void {
  const chosen = select.selectedOptions[0];
  if (chosen?.value) r.headings.push(chosen.text.slice(0, 120));
}

function controlText(el: Element): string {
  return (boundedText(el, 120).trim() || el.getAttribute('value') || el.getAttribute('aria-label') || '').slice(0, 120);
}

/** Paragraph-like parents: a link inside one with more words around it is part of a sentence, not a way out. */
const SENTENCE = new Set(['p', 'span', 'small', 'label', 'em', 'strong', 'b', 'i', 'dd']);

function inSentence(link: Element, text: string): boolean {
  const parent = link.parentElement;
  return !!parent && SENTENCE.has(parent.localName) && boundedText(parent, 240).trim().length > text.length + 24;
}

/**
 * A control's words go where they belong: the field's own submit into the text around it, a selected method tab
 * into the headings, a link inside a sentence into that sentence, and any other visible control into `others`.
 */
function readControl(el: Element, r: Reading): void {
  if (hiddenByMarkup(el) || el.getClientRects().length === 0) return;
  const text = controlText(el);
  if (el === r.primary) r.pieces.push(text);
  else if (el.getAttribute('role') === 'tab' && el.getAttribute('aria-selected') === 'true') r.headings.push(text);
  else if (el.localName === 'a' && inSentence(el, text)) r.pieces.push(text);
  else r.others.push(text);
  r.chars += text.length;
}

/** Walks `el`'s subtree in document order into `r`, bounded in characters and nodes; `piece` collects running text. */
function readInto(el: Element, r: Reading, max: number, piece: string[]): void {
  for (let node = el.firstChild; node && r.chars < max && r.nodes < 400; node = node.nextSibling) {
    r.nodes++;
    if (node.nodeType === Node.ELEMENT_NODE) readElement(node as Element, r, max, piece);
    else if (node.nodeType === Node.TEXT_NODE) {
      const text = node.nodeValue ?? '';
      piece.push(text);
      r.chars += text.length;
    }
  }
}

/** One element by its role: a chooser, a control, another input's label, a heading, or more running text. */
function readElement(el: Element, r: Reading, max: number, piece: string[]): void {
  if (NOT_TEXT.has(el.localName) || el.localName === 'textarea' || hiddenByMarkup(el)) return;
  if (el.localName === 'select') readChosenOption(el as HTMLSelectElement, r);
  else if (el.matches(CONTROL)) readControl(el, r);
  else if (el.localName === 'label' && labelsOtherInput(el, r.input)) readChosenRadio(el as HTMLLabelElement, r);
  else if (el.matches(HEADING)) {
    const text = boundedText(el, 200);
    r.headings.push(text);
    r.chars += text.length;
  } else readInto(el, r, max, piece);
}

/** Reads one element as its own piece of text. */
function readPiece(el: Element, r: Reading, max: number): void {
  const piece: string[] = [];
  readElement(el, r, r.chars + max, piece);
  r.pieces.push(piece.join(' '));
}

/**
 * The headings and paragraphs before `block`, nearest first: its earlier siblings, then its parents' earlier
 * siblings, up to the enclosing section or dialog (whose own label counts too). Bounded in elements and characters,
 * since real pages say what a field is for just above the form, not far away.
 */
function readBefore(block: Element, r: Reading): void {
  const start = r.chars;
  let elements = 0;
  let el: Element | null = block;
  for (let level = 0; el && level < BEFORE_LEVELS; level++) {
    for (let sib = el.previousElementSibling; sib && elements < BEFORE_ELEMENTS && r.chars - start < BEFORE_CHARS; sib = sib.previousElementSibling) {
      elements++;
      readPiece(sib, r, BEFORE_CHARS - (r.chars - start));
    }
    const parent = parentOf(el);
    if (!parent || parent.matches(BOUNDARY)) {
      if (parent) r.headings.push(labelOf(parent));
      break;
    }
    el = parent;
  }
}

/**
 * Up to `max` links and buttons in `root` not hidden by markup, walking at most `budget.nodes` elements (shared by
 * the calls for one field): what follows a form can be the rest of a large page, which a selector query would match in
 * full.
 */
function controlsIn(root: Element, max: number, budget: { nodes: number }): Element[] {
  const found: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length && found.length < max && budget.nodes-- > 0) {
    const el = stack.pop() as Element;
    if (hiddenByMarkup(el) || NOT_TEXT.has(el.localName)) continue;
    if (el.matches(CONTROL)) {
      found.push(el);
      continue;
    }
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  return found;
}

/** The links and buttons after `block` in its section: other methods ("Use a recovery code") and resend controls. */
function readControlsAfter(block: Element, r: Reading): void {
  let seen = 0;
  const budget = { nodes: AFTER_NODES };
  let el: Element | null = block;
  for (let level = 0; el && level < BEFORE_LEVELS; level++) {
    let elements = 0;
    for (let sib = el.nextElementSibling; sib && elements < AFTER_ELEMENTS && seen < AFTER_CONTROLS; sib = sib.nextElementSibling) {
      elements++;
      const controls = controlsIn(sib, AFTER_CONTROLS - seen, budget);
      for (const control of controls) readControl(control, r);
      seen += controls.length;
    }
    const parent = parentOf(el);
    if (!parent || parent.matches(BOUNDARY)) break;
    el = parent;
  }
}

/**
 * What surrounds a field, read once by role: `context`, the compact text of the page title, the field's form (or
 * nearest block) and the headings and paragraphs just before it, without the labels of other inputs or the words of
 * other links and buttons; and `around`, the same split into headings and other controls, plus whether a masked
 * destination is shown.
 */
export function surroundingsOf(input: HTMLInputElement): { context: string; around: Around } {
  const block = input.closest('form') ?? nearestBlock(input, 4);
  const r: Reading = { input, primary: primarySubmitOf(input), pieces: [document.title], headings: [], others: [], chars: 0, nodes: 0 };
  const blockText: string[] = [];
  readInto(block, r, BLOCK_CHARS, blockText);
  r.pieces.push(blockText.join(' '));
  readBefore(block, r);
  readControlsAfter(block, r);
  const raw = [...r.pieces, ...r.headings].join(' ');
  return {
    context: [...r.pieces, ...r.headings].map(compactText).join(' '),
    around: {
      headings: r.headings.map(compactText).join(' '),
      others: r.others.map(compactText).join(' '),
      destination: showsDestination(raw),
    },
  };
}

/** The compact text around a field, as `surroundingsOf` reads it. */
export function contextOf(input: HTMLInputElement): string {
  return surroundingsOf(input).context;
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

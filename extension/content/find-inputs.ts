// Finds the inputs of a document or subtree, inside open shadow roots too, and the custom elements that may get one
// later: the tree walks the content script's always-loaded part needs (watch-late-fields.ts), apart from the
// classification, which is loaded only on pages with a candidate field (detector.ts).

/** The input types a code field can have. */
export const CANDIDATE_TYPES = new Set(['text', 'tel', 'number', 'password']);
/**
 * The inputs that can be of a candidate type, as one native query: every other type by name is left out (an unknown
 * type is a text field to the browser, so it stays in). The page's other inputs are then never touched from script.
 */
export const CANDIDATE_INPUTS = `input:not(${['hidden', 'search', 'url', 'email', 'date', 'month', 'week', 'time', 'datetime-local', 'range',
  'color', 'checkbox', 'radio', 'file', 'submit', 'image', 'reset', 'button'].map((t) => `[type=${t} i]`).join()})`;

/** What a look under some nodes found: inputs, the open shadow roots passed through, and custom elements with no root yet. */
export interface TreeFinds {
  inputs: HTMLInputElement[];
  roots: ShadowRoot[];
  /** Custom elements without an open shadow root: web components often attach theirs a moment later. */
  rootless: Element[];
}

/** Up to this many elements a subtree (typically one a page script adds at a time) is walked in script. */
const SMALL_SUBTREE = 64;

/**
 * Walks a small subtree in script, noting inputs and custom elements; false (and nothing noted) when it holds more
 * than SMALL_SUBTREE elements. It creates no live collection: each one a page keeps alive makes its every later DOM
 * change pay for invalidating it.
 */
function walkSmall(start: Element, inputs: HTMLInputElement[], hosts: Element[]): boolean {
  const foundInputs: HTMLInputElement[] = [];
  const foundHosts: Element[] = [];
  let budget = SMALL_SUBTREE;
  let el: Element | null = start;
  while (el) {
    if (--budget < 0) return false;
    if (el.localName === 'input') foundInputs.push(el as HTMLInputElement);
    else if (el.localName.includes('-')) foundHosts.push(el);
    let next: Element | null = el.firstElementChild;
    while (!next && el && el !== start) {
      next = el.nextElementSibling;
      if (!next) el = el.parentElement;
    }
    el = next;
  }
  inputs.push(...foundInputs);
  hosts.push(...foundHosts);
  return true;
}

/** Inputs and custom elements (names with a hyphen, where web components put their shadow roots) in `context`. */
function scan(context: Element | Document | ShadowRoot, inputs: HTMLInputElement[], hosts: Element[]): void {
  if (context instanceof Element) {
    // Most added subtrees (a table row, a list item, a line of text) hold neither: one native call settles it, where a
    // walk in script would call into the page's DOM for every element.
    if (!context.matches(INPUT_OR_MAYBE_CUSTOM) && !context.querySelector(INPUT_OR_MAYBE_CUSTOM)) return;
    if (walkSmall(context, inputs, hosts)) return;
  }
  // A large tree, a document or a shadow root: native queries, so the page does not pay for a script touching every
  // element.
  for (const input of Array.from(context.querySelectorAll('input'))) inputs.push(input);
  hosts.push(...findShadowHosts(context));
}

/**
 * Standard element names, the most frequent first: a custom element's name has a hyphen, so it is none of these.
 * One native selector then passes over almost every element of a page without a call into script.
 */
export const STANDARD_TAGS = ['div', 'span', 'a', 'td', 'tr', 'li', 'p', 'img', 'svg', 'path', 'g', 'button', 'input', 'label', 'option',
  'i', 'b', 'strong', 'em', 'ul', 'ol', 'table', 'tbody', 'thead', 'th', 'form', 'select', 'textarea', 'section', 'article',
  'header', 'footer', 'nav', 'main', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr', 'script', 'style', 'link', 'meta',
  'head', 'body', 'html', 'title', 'noscript', 'iframe', 'picture', 'source', 'video', 'audio', 'canvas', 'code', 'pre', 'small',
  'sup', 'sub', 'u', 's', 'blockquote', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'fieldset', 'legend', 'caption', 'col',
  'colgroup', 'tfoot', 'abbr', 'cite', 'time', 'mark', 'q', 'kbd', 'var', 'samp', 'wbr', 'del', 'ins', 'details', 'summary',
  'dialog', 'template', 'slot', 'object', 'embed', 'map', 'area', 'track', 'meter', 'progress', 'output', 'datalist', 'optgroup',
  'rect', 'circle', 'line', 'polyline', 'polygon', 'ellipse', 'defs', 'use', 'symbol', 'stop', 'mask', 'text', 'tspan', 'font',
  'center', 'address', 'bdi', 'bdo', 'data', 'ruby', 'rp', 'rt', 'menu', 'search', 'hgroup', 'base', 'nobr'];
const MAYBE_CUSTOM = `:not(${STANDARD_TAGS.join()})`;
/** What a subtree must hold to be worth a walk: an input, or an element that may be a custom one. */
const INPUT_OR_MAYBE_CUSTOM = `input,${MAYBE_CUSTOM}`;

/** Custom elements in `context` (itself included): one native query, the dearest part of a look at a page. */
export function findShadowHosts(context: Element | Document | ShadowRoot): Element[] {
  const found = context.querySelectorAll(MAYBE_CUSTOM);
  const hosts: Element[] = context instanceof Element && context.localName.includes('-') ? [context] : [];
  for (let i = 0; i < found.length; i++) {
    const el = found[i] as Element;
    if (el.localName.includes('-')) hosts.push(el);
  }
  return hosts;
}

/** How many inputs and possible custom elements `root` holds (not inside nested roots): one native count. */
export function countInputsAndHosts(root: ShadowRoot): number {
  return root.querySelectorAll(INPUT_OR_MAYBE_CUSTOM).length;
}

/** How many of the document's elements findShadowHosts(document) looks at in script (custom elements, rare tags). */
export function countShadowHostCandidates(): number {
  return document.querySelectorAll(MAYBE_CUSTOM).length;
}

/** Inputs under `node`, descending into open shadow roots at any depth; custom elements without a root are noted. */
export function exploreTree(node: Document | ShadowRoot | Element, finds: TreeFinds = { inputs: [], roots: [], rootless: [] }): TreeFinds {
  if (node instanceof HTMLInputElement) {
    finds.inputs.push(node);
    return finds;
  }
  const hosts: Element[] = [];
  scan(node, finds.inputs, hosts);
  // A custom element is the usual host, but any element may carry an open root (a <div> of a design system).
  if (node instanceof Element && node.shadowRoot && !node.localName.includes('-')) hosts.push(node);
  return exploreHosts(hosts, finds);
}

/** Looks inside the open shadow roots of `hosts`, at any depth; hosts with no root yet are noted as rootless. */
export function exploreHosts(hosts: Element[], finds: TreeFinds): TreeFinds {
  for (const host of hosts) {
    const root = host.shadowRoot;
    if (!root) finds.rootless.push(host);
    else if (!finds.roots.includes(root)) {
      finds.roots.push(root);
      exploreTree(root, finds);
    }
  }
  return finds;
}

/** Every input under `root`, descending into open shadow roots at any depth. */
export function collectInputs(root: Document | ShadowRoot | Element): HTMLInputElement[] {
  return exploreTree(root).inputs;
}

// Runs the content script's own field detection over the labelled corpus of real two-factor pages in a Node DOM
// (jsdom) and measures precision and recall for "fill" and "leave alone", per split.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/pages');

export type Expect = 'fill' | 'leave';
export type Split = 'tuning' | 'validation';

export interface LabelledField { selector: string; expect: Expect }
export interface LabelledPage { file: string; app: string; class: string; split: Split; fields: LabelledField[] }
export interface Labels { split: { method: string; validationApps: string[]; tuningApps: string[] }; pages: LabelledPage[] }

/** One judged field: a labelled one, or an unlabelled input that was filled anyway (always a "leave" miss). */
export interface Outcome {
  page: string;
  app: string;
  split: Split;
  selector: string;
  expect: Expect;
  got: Expect;
  /** What the detection saw for this field, for the failure listing. */
  facts?: unknown;
}

export interface Figures { precision: number; recall: number; total: number; correct: number }
export interface SplitFigures { fill: Figures; leave: Figures; pages: number }
export interface CorpusReport { tuning: SplitFigures; validation: SplitFigures; outcomes: Outcome[]; failures: Outcome[] }

export function readLabels(dir = CORPUS_DIR): Labels {
  return JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Labels;
}

/** The globals the content script's modules read at call time, taken from one jsdom window. */
const DOM_GLOBALS = ['window', 'document', 'Node', 'Element', 'HTMLElement', 'HTMLInputElement', 'ShadowRoot', 'NodeFilter',
  'XPathResult', 'getComputedStyle', 'CSS'] as const;

function installGlobals(window: JSDOM['window']): () => void {
  const g = globalThis as Record<string, unknown>;
  const saved = DOM_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(g, name)] as const);
  for (const name of DOM_GLOBALS) {
    const value = name === 'window' ? window : (window as unknown as Record<string, unknown>)[name];
    Object.defineProperty(g, name, { value, configurable: true, writable: true });
  }
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(g, name, descriptor);
      else delete g[name];
    }
  };
}

/**
 * jsdom has no layout: every element has no client rects and a zero-sized box, so `isUsable` (field-facts.ts) would
 * call every field invisible. The stand-in gives an element a 160×32 box unless it or an ancestor (across shadow
 * roots) is not rendered: the `hidden` attribute, `display: none` (inline or from the page's style sheets, as jsdom
 * computes it), or a hidden input. Visibility is left to getComputedStyle as in a browser; opacity reads "1" when jsdom
 * leaves it empty.
 */
function installLayoutStandIn(window: JSDOM['window']): void {
  const rendered = (el: Element): boolean => {
    for (let node: Element | null = el; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
      if (node.hasAttribute('hidden')) return false;
      if (node.localName === 'input' && (node as HTMLInputElement).type === 'hidden') return false;
      if (window.getComputedStyle(node).display === 'none') return false;
    }
    return true;
  };
  const proto = window.Element.prototype as unknown as {
    getClientRects(this: Element): DOMRectList | DOMRect[];
    getBoundingClientRect(this: Element): DOMRect;
  };
  const box = (on: boolean) => ({ x: 0, y: 0, top: 0, left: 0, width: on ? 160 : 0, height: on ? 32 : 0, right: on ? 160 : 0, bottom: on ? 32 : 0, toJSON: () => ({}) }) as DOMRect;
  proto.getClientRects = function getClientRects() { return rendered(this) ? [box(true)] : []; };
  proto.getBoundingClientRect = function getBoundingClientRect() { return box(rendered(this)); };
  // jsdom computes no used value for opacity (it reads ""), where a browser reads "1".
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = (el: Element, pseudo?: string | null) => new Proxy(computed(el, pseudo), {
    get: (style, key) => (key === 'opacity' ? style.opacity || '1' : Reflect.get(style, key, style)),
  });
}

export interface PageRun { window: JSDOM['window']; close(): void }

/** Loads one corpus page into a fresh jsdom window with the layout stand-in and the DOM globals installed. */
export function openPage(html: string): PageRun {
  const dom = new JSDOM(html, { pretendToBeVisual: true });
  installLayoutStandIn(dom.window);
  const restore = installGlobals(dom.window);
  return { window: dom.window, close: () => { restore(); dom.window.close(); } };
}

function figures(outcomes: Outcome[], cls: Expect): Figures {
  const total = outcomes.filter((o) => o.expect === cls).length;
  const predicted = outcomes.filter((o) => o.got === cls).length;
  const correct = outcomes.filter((o) => o.expect === cls && o.got === cls).length;
  return { total, correct, recall: total ? correct / total : 1, precision: predicted ? correct / predicted : 1 };
}

function splitFigures(outcomes: Outcome[], pages: number): SplitFigures {
  return { fill: figures(outcomes, 'fill'), leave: figures(outcomes, 'leave'), pages };
}

/**
 * Runs detection over every page of `splits` (both by default). The detection modules are imported after the DOM
 * globals exist, and `findOtpTargets` is the same function the content script calls on a page.
 */
export async function runCorpus({ splits = ['tuning', 'validation'] as Split[], dir = CORPUS_DIR } = {}): Promise<CorpusReport> {
  const { findOtpTargets } = await import('../../../extension/content/find-otp-fields.ts');
  const { describeField } = await import('./corpus-facts.ts');
  const labels = readLabels(dir);
  const outcomes: Outcome[] = [];
  const pagesPer: Record<Split, number> = { tuning: 0, validation: 0 };
  for (const page of labels.pages) {
    if (!splits.includes(page.split)) continue;
    pagesPer[page.split]++;
    const run = openPage(readFileSync(join(dir, page.file), 'utf8'));
    try {
      const { document } = run.window;
      // The page's inputs as collectInputs would find them: corpus pages have no shadow roots (components are flattened),
      // and jsdom's XPath cannot evaluate the custom-element query collectInputs uses for large documents.
      const targets = findOtpTargets(Array.from(document.querySelectorAll('input')));
      const filled = new Set(targets.filter((t) => t.kind === 'totp').flatMap((t) => t.inputs));
      const labelled = new Set<Element>();
      for (const field of page.fields) {
        // A selector matching several inputs is one field made of boxes: filled when any box is.
        const boxes = Array.from(document.querySelectorAll(field.selector));
        const first = boxes[0];
        if (!(first instanceof run.window.HTMLInputElement)) throw new Error(`${page.file}: no input matches ${field.selector}`);
        for (const box of boxes) labelled.add(box);
        const got: Expect = boxes.some((b) => filled.has(b as HTMLInputElement)) ? 'fill' : 'leave';
        outcomes.push({ page: page.file, app: page.app, split: page.split, selector: field.selector, expect: field.expect, got,
          facts: got === field.expect ? undefined : describeField(first) });
      }
      // A filled input nobody labelled is a field that should have been left alone; split boxes count once.
      for (const target of targets) {
        if (target.kind !== 'totp' || target.inputs.some((i) => labelled.has(i))) continue;
        const first = target.inputs[0] as HTMLInputElement;
        outcomes.push({ page: page.file, app: page.app, split: page.split, selector: `(unlabelled) ${first.outerHTML.slice(0, 120)}`,
          expect: 'leave', got: 'fill', facts: describeField(first) });
      }
    } finally {
      run.close();
    }
  }
  const of = (split: Split) => outcomes.filter((o) => o.split === split);
  return {
    tuning: splitFigures(of('tuning'), pagesPer.tuning),
    validation: splitFigures(of('validation'), pagesPer.validation),
    outcomes,
    failures: outcomes.filter((o) => o.expect !== o.got),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The figures as lines of text, then every failing field with its facts. */
export function formatReport(report: CorpusReport, splits: Split[] = ['tuning', 'validation']): string {
  const lines: string[] = [];
  for (const split of splits) {
    const f = report[split];
    lines.push(`${split} (${f.pages} pages): fill recall ${pct(f.fill.recall)} (${f.fill.correct}/${f.fill.total}), precision ${pct(f.fill.precision)}; `
      + `leave-alone recall ${pct(f.leave.recall)} (${f.leave.correct}/${f.leave.total}), precision ${pct(f.leave.precision)}`);
  }
  const failures = report.failures.filter((o) => splits.includes(o.split));
  if (failures.length) lines.push('', `failing fields (${failures.length}):`);
  for (const o of failures) lines.push(`- [${o.split}] ${o.page} ${o.selector}: expected ${o.expect}, got ${o.got}`, `    ${JSON.stringify(o.facts)}`);
  return lines.join('\n');
}

// Notices fields that appear after load (single-page apps, web components rendering late, a re-rendered form). One
// MutationObserver watches the document and every open shadow root found so far, at any depth; its callback only
// keeps the added elements that could matter, and a check a little later looks under those alone. A busy page whose
// changes hold no input and no custom element thus costs one short callback per batch of changes, never a rescan.
import { exploreTree, type TreeFinds } from './find-otp-fields.ts';

const THROTTLE_MS = 250;
/** A custom element may attach its shadow root a moment after it is added; it is looked at again for this long. */
const ROOTLESS_WAIT_MS = 5000;
const ROOTLESS_RECHECK_MS = 1000;
const MAX_ROOTLESS = 64;

/** Whether an added node can hold a field or a shadow host: an element with children, an input, or a custom element. */
export function mayHoldFields(node: { nodeType: number; localName?: string; firstElementChild?: unknown }): boolean {
  if (node.nodeType !== 1) return false;
  return node.localName === 'input' || !!node.firstElementChild || (node.localName ?? '').includes('-');
}

/** A node inside another added node is searched with that one. */
function hasAncestorIn(node: Node, nodes: Set<Node>): boolean {
  for (let parent = node.parentNode; parent; parent = parent.parentNode) if (nodes.has(parent)) return true;
  return false;
}

export function watchLateFields(onInputs: (inputs: HTMLInputElement[]) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const seen = new WeakSet<HTMLInputElement>();
  const observedRoots = new WeakSet<ShadowRoot>();
  let added: Element[] = [];
  let rootless: { host: Element; since: number }[] = [];

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const nodes = record.addedNodes;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i] as Element;
        if (mayHoldFields(node)) added.push(node);
      }
    }
    if (added.length && timer === null) timer = setTimeout(check, THROTTLE_MS);
  });

  function schedule(ms: number): void {
    if (timer === null && !stopped) timer = setTimeout(check, ms);
  }

  /** Hands over unseen inputs, observes the new roots and remembers custom elements that have no root yet. */
  function take(finds: TreeFinds, now: number): void {
    for (const root of finds.roots) {
      if (observedRoots.has(root)) continue;
      observedRoots.add(root);
      observer.observe(root, { childList: true, subtree: true });
    }
    for (const host of finds.rootless) {
      if (rootless.length >= MAX_ROOTLESS) break;
      if (!rootless.some((r) => r.host === host)) rootless.push({ host, since: now });
    }
    const fresh: HTMLInputElement[] = [];
    for (const input of finds.inputs) {
      if (!seen.has(input)) { seen.add(input); fresh.push(input); }
    }
    if (fresh.length) onInputs(fresh);
  }

  function check(): void {
    timer = null;
    if (stopped) return;
    const now = performance.now();
    const finds: TreeFinds = { inputs: [], roots: [], rootless: [] };
    const nodes = new Set(added);
    added = [];
    for (const node of nodes) {
      if (node.isConnected && !hasAncestorIn(node, nodes)) exploreTree(node, finds);
    }
    const waiting = rootless;
    rootless = [];
    for (const entry of waiting) {
      if (!entry.host.isConnected) continue;
      // Its root arrived since: observed from now on, and whatever it already holds is looked at.
      if (entry.host.shadowRoot) exploreTree(entry.host, finds);
      else if (now - entry.since < ROOTLESS_WAIT_MS) rootless.push(entry);
    }
    take(finds, now);
    if (rootless.length) schedule(ROOTLESS_RECHECK_MS);
  }

  // The first look covers the whole document once; later ones only what was added since.
  observer.observe(document, { childList: true, subtree: true });
  take(exploreTree(document), performance.now());
  if (rootless.length) schedule(ROOTLESS_RECHECK_MS);
  return () => {
    stopped = true;
    observer.disconnect();
    if (timer !== null) clearTimeout(timer);
  };
}

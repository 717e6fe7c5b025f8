// Notices fields that appear after load (single-page apps, web components rendering late, a re-rendered form). One
// MutationObserver watches the document and every open shadow root found so far, at any depth. At the first change it
// looks under that change's added elements at once (a form rendered in one go is filled without delay), disconnects
// itself, and a check 400 ms later catches what changed meanwhile, then listens again. Changes made while it was
// not listening are caught by cheap native counts: the document's inputs of a candidate type and, every 5 s while
// changes go on, its custom elements. A busy page thus costs a few short calls a second, never work per mutation. No
// live collection is kept: the page would pay for invalidating it on every change.
import { CANDIDATE_INPUTS, countShadowHostCandidates, exploreHosts, exploreTree, type TreeFinds } from './find-inputs.ts';
import { scanPage } from './page-scan.ts';
import { whenIdle } from './when-idle.ts';

/**
 * How long the observer stays off after a change it has looked at. Each check and each callback costs the page more
 * than its few DOM reads (a call into the content script's world), yet a change inside a shadow root made while not
 * listening is seen only with a later change: apps that render nested components a step at a time (every 600 ms in
 * the lab's deep-shadow page) need the observer back before their next step.
 */
const THROTTLE_MS = 400;
/** The recount costs about 0.4 ms on a 5,000-element page, so a page that never stops changing pays it rarely. */
const HOST_RECOUNT_MS = 5000;
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
  const roots: ShadowRoot[] = [];
  let lightCount = -1;
  let hostCount = 0;
  let hostsCountedAt = performance.now();
  let added: Element[] = [];
  let rootless: { host: Element; since: number }[] = [];

  /** The first change held inputs: the page is adding inputs, so the next check walks them all. */
  let addingInputs = false;

  const observer = new MutationObserver((records) => {
    // Everything after this first change is covered by the coming check, so stop listening until then.
    observer.disconnect();
    for (const record of records) {
      const nodes = record.addedNodes;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i] as Element;
        if (mayHoldFields(node)) added.push(node);
      }
    }
    // What this first change added is looked under at once: a form a page renders in one go is filled without waiting.
    const finds = lookUnderAdded();
    addingInputs = finds.inputs.length > 0;
    take(finds, performance.now());
    schedule(THROTTLE_MS);
  });

  /** Looks under the elements added since the last look (a node inside another added one is searched with it). */
  function lookUnderAdded(): TreeFinds {
    const finds: TreeFinds = { inputs: [], roots: [], rootless: [] };
    const nodes = new Set(added);
    added = [];
    for (const node of nodes) {
      if (node.isConnected && (nodes.size === 1 || !hasAncestorIn(node, nodes))) exploreTree(node, finds);
    }
    return finds;
  }

  function listen(): void {
    if (stopped) return;
    observer.observe(document, { childList: true, subtree: true });
    for (const root of roots) observer.observe(root, { childList: true, subtree: true });
  }

  function schedule(ms: number): void {
    if (timer === null && !stopped) timer = setTimeout(check, ms);
  }

  /** Hands over unseen inputs, remembers new roots (observed from now on) and custom elements with no root yet. */
  function take(finds: TreeFinds, now: number): void {
    for (const root of finds.roots) if (!roots.includes(root)) roots.push(root);
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
    const finds = lookUnderAdded();
    const adding = addingInputs || finds.inputs.length > 0;
    addingInputs = false;
    // Inputs added while not listening: a native count of those of a candidate type; they are walked
    // (touching only inputs) when the count changed or the page is adding inputs, which also catches one replaced meanwhile.
    const lightInputs = document.querySelectorAll(CANDIDATE_INPUTS);
    if (lightInputs.length !== lightCount || adding) {
      lightCount = lightInputs.length;
      for (let i = 0; i < lightInputs.length; i++) finds.inputs.push(lightInputs[i] as HTMLInputElement);
    }
    // Inputs added inside a known shadow root while not listening (roots whose host left the page are dropped).
    for (let i = roots.length - 1; i >= 0; i--) {
      const root = roots[i] as ShadowRoot;
      if (!root.host.isConnected) roots.splice(i, 1);
      else if (adding || finds.inputs.length > 0 || finds.roots.length > 0) for (const input of Array.from(root.querySelectorAll('input'))) finds.inputs.push(input);
    }
    // Shadow hosts added while not listening: a native count now and then, and a full look only when it changed.
    if (now - hostsCountedAt >= HOST_RECOUNT_MS) {
      hostsCountedAt = now;
      const hosts = countShadowHostCandidates();
      if (hosts !== hostCount) exploreTree(document, finds);
      hostCount = hosts;
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
    listen();
    if (rootless.length) schedule(ROOTLESS_RECHECK_MS);
  }

  // The first look reads the document's inputs of a candidate type at once (a fill may be waiting); the search for
  // shadow hosts, one query
  // over every element, waits for the page's first idle moment. The observer listens from the start, so a host added
  // in between is seen by the checks as well.
  const inputs = document.querySelectorAll(CANDIDATE_INPUTS);
  const first: TreeFinds = { inputs: [], roots: [], rootless: [] };
  for (let i = 0; i < inputs.length; i++) first.inputs.push(inputs[i] as HTMLInputElement);
  lightCount = inputs.length;
  take(first, performance.now());
  listen();
  whenIdle(() => {
    if (stopped) return;
    const { hosts, candidates } = scanPage();
    // The document's possible custom elements, as the recount counts them (outside shadow roots).
    hostCount = candidates;
    hostsCountedAt = performance.now();
    take(exploreHosts(hosts, { inputs: [], roots: [], rootless: [] }), hostsCountedAt);
    // Listening now: the new roots join at once. Otherwise a check is due, and it listens to every root.
    if (timer === null) listen();
    if (rootless.length) schedule(ROOTLESS_RECHECK_MS);
  });
  return () => {
    stopped = true;
    observer.disconnect();
    if (timer !== null) clearTimeout(timer);
  };
}

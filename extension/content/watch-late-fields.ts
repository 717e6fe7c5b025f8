// Notices fields that appear after load (single-page apps, web components rendering late, a re-rendered form). One
// MutationObserver watches the document and every open shadow root found so far, at any depth. At the first change it
// looks under that change's added elements at once (a form rendered in one go is filled without delay), disconnects
// itself, and a check at the end of a pause catches what changed meanwhile, then listens again. Changes made while it
// was not listening are caught by cheap native counts: the document's inputs of a candidate type, each known shadow
// root's inputs and possible hosts, and, every 5 s while changes go on, the document's possible custom elements. A
// busy page thus costs a few short calls a second, never work per mutation. No live collection is kept: the page
// would pay for invalidating it on every change.
import { CANDIDATE_INPUTS, countInputsAndHosts, countShadowHostCandidates, exploreHosts, exploreTree, type TreeFinds } from './find-inputs.ts';
import { scanPage } from './page-scan.ts';
import { whenIdle } from './when-idle.ts';

/**
 * How long the observer stays off after a change it has looked at. Each check and each callback costs the page more
 * than its few DOM reads (a call into the content script's world), so a page that keeps changing is looked at in
 * pauses; a change inside one is found at its end.
 */
const THROTTLE_MS = 400;
/**
 * After this many pauses in a row that found nothing new (a ticker, a feed, an animation), the pause grows to
 * QUIET_THROTTLE_MS; anything found brings it back. One is enough: each pause costs the page about 0.3 ms on the
 * bench's page, and a field rendered during a longer pause is still found at its end, at most 1 s late.
 */
const QUIET_PAUSES = 1;
const QUIET_THROTTLE_MS = 1000;
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
  /** Each known root's count of inputs and possible hosts at its last look: a change in it while not listening shows. */
  const rootCounts = new WeakMap<ShadowRoot, number>();
  let quietPauses = 0;
  /** Whether this pause's first look found anything new. */
  let pauseFound = false;
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
    pauseFound = take(finds, performance.now());
    schedule(quietPauses >= QUIET_PAUSES ? QUIET_THROTTLE_MS : THROTTLE_MS);
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

  /**
   * Hands over unseen inputs, remembers new roots (observed from now on) and custom elements with no root yet; true
   * when there was an unseen input or a new root.
   */
  function take(finds: TreeFinds, now: number): boolean {
    let found = false;
    for (const root of finds.roots) {
      if (roots.includes(root)) continue;
      roots.push(root);
      rootCounts.set(root, countInputsAndHosts(root));
      found = true;
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
    return found || fresh.length > 0;
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
    // Inputs and hosts added inside a known shadow root while not listening (a nested component rendering a step at
    // a time): one native count per root, and a look into it when the count changed or the page is adding inputs.
    // Roots whose host left the page are dropped.
    for (let i = roots.length - 1; i >= 0; i--) {
      const root = roots[i] as ShadowRoot;
      if (!root.host.isConnected) { roots.splice(i, 1); continue; }
      const count = countInputsAndHosts(root);
      if (count !== rootCounts.get(root) || adding) {
        rootCounts.set(root, count);
        exploreTree(root, finds);
      }
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
    const found = take(finds, now) || pauseFound;
    pauseFound = false;
    quietPauses = found ? 0 : quietPauses + 1;
    listen();
    if (rootless.length) schedule(ROOTLESS_RECHECK_MS);
  }

  // The first look reads the document's inputs of a candidate type at once (a fill may be waiting); the search for
  // shadow hosts, one query over every element, waits for the page's first idle moment. The observer listens from the
  // start, so a host added in between is seen by the checks as well.
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

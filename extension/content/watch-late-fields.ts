// Notices fields that appear after load (single-page apps): one throttled MutationObserver that only looks
// at what was added, so a busy page costs a queue push per mutation batch and nothing more.
import { collectInputs, openShadowRoots } from './find-otp-fields.ts';

const THROTTLE_MS = 300;

export function watchLateFields(onInputs: (inputs: HTMLInputElement[]) => void): () => void {
  let added: Element[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const observed = new WeakSet<Node>();

  const flush = () => {
    timer = null;
    const batch = added;
    added = [];
    const inputs: HTMLInputElement[] = [];
    for (const el of batch) {
      if (!el.isConnected) continue;
      if (el instanceof HTMLInputElement) inputs.push(el);
      else collectInputs(el, inputs);
      // Shadow roots found in new content are watched too: the document observer cannot see into them.
      observeShadowRoots(el);
    }
    if (inputs.length) onInputs(inputs);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) if (node.nodeType === Node.ELEMENT_NODE) added.push(node as Element);
    }
    if (added.length && timer === null) timer = setTimeout(flush, THROTTLE_MS);
  });

  const observe = (root: Node) => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true });
  };

  function observeShadowRoots(el: Element): void {
    for (const sr of openShadowRoots(el)) observe(sr);
  }

  observe(document);
  observeShadowRoots(document.documentElement);
  return () => {
    observer.disconnect();
    if (timer !== null) clearTimeout(timer);
  };
}

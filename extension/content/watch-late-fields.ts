// Notices fields that appear after load (single-page apps). The MutationObserver disconnects itself at the
// first change and a check runs a little later, comparing the document's input count (a live collection the
// browser keeps) and, at most every few seconds, its custom-element count; it looks closer only on a change.
// A busy page thus costs a few cheap checks per second, never work per mutation.
import { collectInputs, openShadowRoots } from './find-otp-fields.ts';

const THROTTLE_MS = 400;
const HOST_RECOUNT_MS = 2000;
const CUSTOM_ELEMENTS = "count(//*[contains(local-name(), '-')])";

export function watchLateFields(onInputs: (inputs: HTMLInputElement[]) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const seen = new WeakSet<HTMLInputElement>();
  const lightInputs = document.getElementsByTagName('input');
  let lightCount = -1;
  let hostCount = -1;
  let hostsCountedAt = -Infinity;
  let shadowRoots: ShadowRoot[] = [];

  const observer = new MutationObserver(() => {
    // Everything after the first change is covered by the coming check, so stop listening until then.
    observer.disconnect();
    if (timer === null) timer = setTimeout(check, THROTTLE_MS);
  });

  function listen(): void {
    if (stopped) return;
    observer.observe(document, { childList: true, subtree: true });
    for (const root of shadowRoots) observer.observe(root, { childList: true, subtree: true });
  }

  function unseen(inputs: Iterable<HTMLInputElement>): HTMLInputElement[] {
    const fresh: HTMLInputElement[] = [];
    for (const input of inputs) {
      if (!seen.has(input)) { seen.add(input); fresh.push(input); }
    }
    return fresh;
  }

  function check(): void {
    timer = null;
    const fresh: HTMLInputElement[] = [];
    if (lightInputs.length !== lightCount) {
      lightCount = lightInputs.length;
      fresh.push(...unseen(Array.from(lightInputs)));
    }
    const now = performance.now();
    if (now - hostsCountedAt >= HOST_RECOUNT_MS) {
      hostsCountedAt = now;
      const hosts = document.evaluate(CUSTOM_ELEMENTS, document, null, XPathResult.NUMBER_TYPE, null).numberValue;
      if (hosts !== hostCount) {
        hostCount = hosts;
        shadowRoots = hosts > 0 ? openShadowRoots(document) : [];
      }
    }
    for (const root of shadowRoots) fresh.push(...unseen(collectInputs(root)));
    if (fresh.length) onInputs(fresh);
    listen();
  }

  check();
  return () => {
    stopped = true;
    observer.disconnect();
    if (timer !== null) clearTimeout(timer);
  };
}

// One native pass over the page at its first idle moment, shared by the two idle looks of the always-loaded part: the
// search for shadow hosts (watch-late-fields.ts) and for a recovery-code heading (recovery-heading.ts). One query
// passes by the standard elements; what is left (custom elements, headings, rare tags) is sorted in script.
import { STANDARD_TAGS } from './find-inputs.ts';

/** The headings a list of recovery codes sits under. */
export const HEADING_TAGS: readonly string[] = ['h1', 'h2', 'h3', 'legend'];

const LEFT_FOR_SCRIPT = `:not(${STANDARD_TAGS.filter((t) => !HEADING_TAGS.includes(t)).join()})`;

export interface PageScan {
  /** Custom elements (a hyphen in the name), outside shadow roots: where open shadow roots usually hang. */
  hosts: Element[];
  /** Headings, in document order. */
  headings: Element[];
  /** Elements neither standard nor headings: what countShadowHostCandidates() counts, for the watcher's recount. */
  candidates: number;
}

let current: PageScan | null = null;

/** The document's hosts and headings; callers in the same task share one pass. */
export function scanPage(): PageScan {
  if (current) return current;
  const found = document.querySelectorAll(LEFT_FOR_SCRIPT);
  const scan: PageScan = { hosts: [], headings: [], candidates: 0 };
  for (let i = 0; i < found.length; i++) {
    const el = found[i] as Element;
    const name = el.localName;
    if (HEADING_TAGS.includes(name)) { scan.headings.push(el); continue; }
    scan.candidates++;
    if (name.includes('-')) scan.hosts.push(el);
  }
  current = scan;
  // The page changes between tasks: a later caller scans again.
  queueMicrotask(() => { current = null; });
  return scan;
}

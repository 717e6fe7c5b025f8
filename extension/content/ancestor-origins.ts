// The origins of the frames above this document, nearest parent first, as the browser reports them (never as a page
// says): the background fills on sight only when every one of them is the account's own.

/** 'null' stands for an ancestor whose origin this frame cannot read (another origin, in Firefox). */
export function ancestorOrigins(): string[] {
  // Chromium: set by the browser, including for cross-origin ancestors; a page cannot change it.
  const list = location.ancestorOrigins as DOMStringList | undefined;
  if (list) return Array.from(list);
  // Firefox has no ancestorOrigins: a parent of another origin throws on access, which is all the rule needs to know.
  const out: string[] = [];
  let w: Window = window;
  for (let depth = 0; w !== w.parent && depth < 32; depth++) {
    w = w.parent;
    try {
      out.push(w.location.origin);
    } catch {
      out.push('null');
    }
  }
  return out;
}

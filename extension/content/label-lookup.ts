// The text of the labels of an input (wrapping, for=, aria-labelledby), read cheaply: used by the quick gate at
// injection and by the full fact gathering.

/** Text of `<label for=…>` elements by id, per document or shadow root, read once per scan. */
export type LabelLookup = (input: HTMLInputElement) => string;

/**
 * `input.labels` searches the whole document for every input (about 0.1 ms each on a large page), so the
 * `for=` labels are read once per root into a map, and wrapping labels are found by walking up.
 */
export function createLabelLookup(): LabelLookup {
  const byRoot = new Map<Node, Map<string, string>>();
  return (input) => {
    const parts: string[] = [input.closest('label')?.textContent ?? ''];
    if (input.id) {
      const root = input.getRootNode() as Document | ShadowRoot;
      let byId = byRoot.get(root);
      if (!byId) {
        byId = new Map();
        for (const label of Array.from(root.querySelectorAll('label[for]'))) {
          const id = label.getAttribute('for') ?? '';
          byId.set(id, `${byId.get(id) ?? ''} ${label.textContent ?? ''}`);
        }
        byRoot.set(root, byId);
      }
      parts.push(byId.get(input.id) ?? '');
    }
    const labelledBy = input.getAttribute('aria-labelledby');
    if (labelledBy) {
      const root = input.getRootNode() as Document | ShadowRoot;
      for (const id of labelledBy.split(/\s+/)) parts.push(root.getElementById?.(id)?.textContent ?? '');
    }
    return parts.join(' ').slice(0, 200);
  };
}

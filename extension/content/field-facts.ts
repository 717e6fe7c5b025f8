// Reads, from the DOM, the plain facts classify-field.ts judges: attributes, label text, visibility, context.
import type { FieldFacts } from './classify-field.ts';
import { compactText } from './classify-field.ts';

const CONTEXT_CHARS = 1500;

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

/** Visible on screen, enabled and editable: hidden fields are traps (honeypots) or not ours. */
export function isUsable(input: HTMLInputElement): boolean {
  if (input.disabled || input.readOnly || input.type === 'hidden') return false;
  if (input.getClientRects().length === 0) return false;
  const rect = input.getBoundingClientRect();
  if (rect.width < 4 || rect.height < 4) return false;
  const style = getComputedStyle(input);
  return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0.05;
}

/**
 * Attribute facts first; `withLayout` false skips the visibility check, which forces a layout on big pages,
 * so it is only paid for fields that already carry a code signal.
 */
export function factsOf(input: HTMLInputElement, withLayout = true, labelText: LabelLookup = createLabelLookup()): FieldFacts {
  const attr = (name: string) => input.getAttribute(name) ?? '';
  return {
    type: attr('type').toLowerCase(),
    autocomplete: attr('autocomplete').toLowerCase(),
    inputMode: attr('inputmode').toLowerCase(),
    maxLength: input.maxLength,
    pattern: attr('pattern'),
    texts: [attr('name'), attr('id'), attr('placeholder'), attr('aria-label'), attr('title'), labelText(input)].filter(Boolean),
    usable: withLayout ? isUsable(input) : true,
  };
}

/** Compact text of what surrounds the field: its form (or nearest block), headings, and the page title. */
export function contextOf(input: Element): string {
  let block: Element | null = input.closest('form');
  if (!block) {
    block = input;
    for (let i = 0; i < 4 && block.parentElement; i++) block = block.parentElement;
  }
  const root = input.getRootNode();
  const host = root instanceof ShadowRoot ? root.host.parentElement?.textContent ?? '' : '';
  const text = `${document.title} ${(block.textContent ?? '').slice(0, CONTEXT_CHARS)} ${host.slice(0, 500)}`;
  return compactText(text);
}

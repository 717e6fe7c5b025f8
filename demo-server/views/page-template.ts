// Pages drawn once with marked slots and filled per request: for a hot page whose only varying parts are a few strings.
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Finished HTML (without the doctype); sendPage takes it as it takes a VNode. */
export interface RenderedPage { kind: 'rendered-page'; html: string }

const htmlEscapes: Record<string, string> = { '"': '&quot;', '&': '&amp;', '<': '&lt;' };

/** The escaping preact-render-to-string gives text and attribute values, so a filled page is the page it would render. */
export function escapeHtml(value: string): string {
  return value.replace(/["&<]/g, (c) => htmlEscapes[c] as string);
}

/**
 * Renders `draw` once with a mark in each slot, then fills the slots with escaped values on each call. The marks are
 * private-use characters, which no page text or attribute of ours contains; a slot the page does not show exactly once throws.
 */
export function pageTemplate<K extends string>(slots: readonly K[], draw: (marks: Record<K, string>) => VNode): (values: Record<K, string>) => RenderedPage {
  const marks = Object.fromEntries(slots.map((k) => [k, `\uE000${k}\uE001`])) as Record<K, string>;
  const pieces = render(draw(marks)).split(/\uE000([^\uE000\uE001]*)\uE001/);
  const shown = pieces.filter((_, i) => i % 2 === 1);
  for (const k of slots) {
    if (shown.filter((s) => s === k).length !== 1) throw new Error(`page template: slot "${k}" is not shown exactly once`);
  }
  if (shown.length !== slots.length) throw new Error('page template: the page holds a mark that is no slot');
  return (values) => {
    let html = pieces[0] as string;
    for (let i = 1; i < pieces.length; i += 2) html += escapeHtml(values[pieces[i] as K]) + (pieces[i + 1] as string);
    return { kind: 'rendered-page', html };
  };
}

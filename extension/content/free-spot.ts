// Where a text control of Keyfob's can stand beside an element without covering any of the page's own controls:
// above it, below it, at its inline end or start, or in a corner of the viewport; nowhere when every spot would hide
// something the user may need to click (Keyfob's message then waits rather than take the page's place).
import type { Placement } from './click-guard.ts';

/** What a person can click or type into; a label counts too, since clicking it works its control. */
const CONTROLS = 'a[href],button,input:not([type="hidden"]),select,textarea,label,summary,'
  + '[role="button"],[role="link"],[role="checkbox"],[role="radio"],[role="tab"],[role="switch"],[role="menuitem"],'
  + '[tabindex]:not([tabindex="-1"]),[contenteditable=""],[contenteditable="true"]';
const GAP = 6;
const MARGIN = 4;

interface Box { top: number; left: number; right: number; bottom: number }

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The page's controls on screen, except `anchor`'s own (the field the message is about may be covered by nothing). */
function controlBoxes(except: Element): DOMRect[] {
  const boxes: DOMRect[] = [];
  for (const el of document.querySelectorAll(CONTROLS)) {
    if (el === except || el.contains(except)) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth) boxes.push(box);
  }
  return boxes;
}

/**
 * The first spot of `width` × `height` next to `anchor` (in reading order for the page's direction) that lies in the
 * viewport and overlaps none of the page's controls; null when there is none.
 */
export function freeSpotBeside(anchor: Element, width: number, height: number): Placement | null {
  const box = anchor.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return null;
  const rtl = getComputedStyle(anchor).direction === 'rtl';
  const start = rtl ? box.right - width : box.left;
  const middle = box.top + (box.height - height) / 2;
  const candidates: { top: number; left: number }[] = [
    { top: box.top - GAP - height, left: start },
    { top: box.bottom + GAP, left: start },
    { top: middle, left: rtl ? box.left - GAP - width : box.right + GAP },
    { top: middle, left: rtl ? box.right + GAP : box.left - GAP - width },
    { top: innerHeight - MARGIN - height, left: rtl ? MARGIN : innerWidth - MARGIN - width },
    { top: MARGIN, left: rtl ? MARGIN : innerWidth - MARGIN - width },
  ];
  const controls = controlBoxes(anchor);
  for (const c of candidates) {
    const spot = { top: c.top, left: c.left, right: c.left + width, bottom: c.top + height };
    if (spot.top < 0 || spot.left < 0 || spot.bottom > innerHeight || spot.right > innerWidth) continue;
    if (controls.some((control) => overlaps(control, spot))) continue;
    return { top: c.top, left: c.left, width, height };
  }
  return null;
}

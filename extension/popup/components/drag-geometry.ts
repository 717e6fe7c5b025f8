// The arithmetic of dragging a row in the account list, apart from the DOM so it can be tested: which place a row
// dropped at a height lands on, where the drop line goes, and how fast the list scrolls near its edges.
import { ROW_HEIGHT } from '../list-geometry.ts';

/** How close to the list's top or bottom edge (px) the pointer starts scrolling it. */
export const SCROLL_EDGE = 40;

/**
 * The place (from 0) the dragged row lands on: the slot nearest to the row's top edge, `rowTop` in list content px
 * (the pointer's height less where in the row it was grabbed), held within `first`..`last` (its part of the list).
 */
export function dropPlace(rowTop: number, first: number, last: number): number {
  return Math.min(last, Math.max(first, Math.round(rowTop / ROW_HEIGHT)));
}

/** The drop line's height in list content px: above the row it lands on when moving up, below it moving down. */
export function dropLineTop(from: number, to: number): number {
  return (to <= from ? to : to + 1) * ROW_HEIGHT;
}

/** The scroll per frame (px) at the edge itself and beyond it, before it speeds up. */
export const MAX_SCROLL_STEP = 18;
/** Held at the edge, the scroll speeds up to this many times as fast, over ACCEL_FRAMES frames per step up. */
export const MAX_ACCELERATION = 10;
const ACCEL_FRAMES = 30;

/**
 * The scroll for one frame (px, negative: up) with the pointer `y` px below the list's visible top, in a view
 * `height` px high: none away from the edges, faster the nearer (or further past) the edge, and faster the longer it
 * has been held there (`heldFrames`), so a thousand rows pass in seconds, not a minute.
 */
export function autoScrollStep(y: number, height: number, heldFrames = 0): number {
  const edge = Math.min(SCROLL_EDGE, height / 4);
  const speed = MAX_SCROLL_STEP * Math.min(MAX_ACCELERATION, 1 + heldFrames / ACCEL_FRAMES);
  if (y < edge) return -Math.ceil(speed * Math.min(1, (edge - y) / edge));
  if (y > height - edge) return Math.ceil(speed * Math.min(1, (y - (height - edge)) / edge));
  return 0;
}

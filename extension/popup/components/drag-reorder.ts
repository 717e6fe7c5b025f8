// Dragging a row of the account list to another place by hand, with pointer events (mouse, touch and pen alike; the
// HTML drag and drop API is unreliable in extension popups). The drag lives in list content coordinates, not in row
// elements: the list renders only the rows in view, so the dragged row may scroll out of the DOM while it is carried.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { placeRange } from '../../list-order.ts';
import { ROW_HEIGHT } from '../list-geometry.ts';
import { autoScrollStep, dropPlace } from './drag-geometry.ts';

/** What the list draws while a row is carried: its place when picked up, where it would land, its top edge (px). */
export interface DragView { id: string; from: number; to: number; top: number }

export interface DragReorderOptions {
  scroller: RefObject<HTMLDivElement>;
  /** The rows as shown (the by-hand order, nothing filtered out). */
  rows: readonly { id: string; favourite: boolean }[];
  /** Dropped on another place: called once, after the drag has ended. */
  onDrop: (id: string, from: number, to: number) => void;
  /** Esc, or the browser took the pointer away (pointercancel). */
  onCancel: () => void;
}

interface Carried extends DragView {
  first: number;
  last: number;
  /** Where in the row it was grabbed (px from the row's top), so the row does not jump to the pointer. */
  grab: number;
  clientY: number;
  pointerId: number;
}

export function useDragReorder(options: DragReorderOptions): { drag: DragView | null; start: (e: PointerEvent, place: number) => void } {
  const [drag, setDrag] = useState<DragView | null>(null);
  // The window's listeners outlive renders: they read the latest options and end the drag through this.
  const latest = useRef(options);
  latest.current = options;
  const end = useRef<(() => void) | null>(null);
  useEffect(() => () => end.current?.(), []);

  const start = (e: PointerEvent, place: number) => {
    const el = latest.current.scroller.current;
    const row = latest.current.rows[place];
    if (!el || !row || end.current || !e.isPrimary || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const range = placeRange(latest.current.rows, row.id);
    if (!range) return;
    // No text selection, no page scroll: the pointer belongs to the drag now.
    e.preventDefault();
    const contentY = (clientY: number) => clientY - el.getBoundingClientRect().top + el.scrollTop;
    const carried: Carried = {
      id: row.id, from: place, to: place, top: place * ROW_HEIGHT, first: range.first, last: range.last,
      grab: contentY(e.clientY) - place * ROW_HEIGHT, clientY: e.clientY, pointerId: e.pointerId,
    };
    const show = () => {
      const top = contentY(carried.clientY) - carried.grab;
      carried.top = Math.min((latest.current.rows.length - 1) * ROW_HEIGHT, Math.max(0, top));
      carried.to = dropPlace(top, carried.first, carried.last);
      setDrag({ id: carried.id, from: carried.from, to: carried.to, top: carried.top });
    };
    let frame = 0;
    let held = 0;
    // Near an edge the list scrolls on every frame while the pointer rests there, as long as the drag lasts.
    const scroll = () => {
      const step = autoScrollStep(carried.clientY - el.getBoundingClientRect().top, el.clientHeight, held);
      held = step === 0 ? 0 : held + 1;
      if (step !== 0) {
        const before = el.scrollTop;
        el.scrollTop = before + step;
        if (el.scrollTop !== before) show();
      }
      frame = requestAnimationFrame(scroll);
    };
    const onMove = (ev: PointerEvent) => {
      if (ev.pointerId !== carried.pointerId) return;
      carried.clientY = ev.clientY;
      show();
    };
    const finish = (outcome: 'drop' | 'cancel' | 'quiet') => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onCancel);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('blur', onBlur);
      cancelAnimationFrame(frame);
      end.current = null;
      setDrag(null);
      if (outcome === 'drop' && carried.to !== carried.from) latest.current.onDrop(carried.id, carried.from, carried.to);
      else if (outcome === 'cancel') latest.current.onCancel();
    };
    const onUp = (ev: PointerEvent) => {
      if (ev.pointerId !== carried.pointerId) return;
      carried.clientY = ev.clientY;
      show();
      finish('drop');
    };
    const onCancel = (ev: PointerEvent) => { if (ev.pointerId === carried.pointerId) finish('cancel'); };
    // The window lost focus mid-drag (another window, a system dialog): the release may never reach us.
    const onBlur = () => finish('cancel');
    const onKey = (ev: KeyboardEvent) => {
      // Captured first, so Esc ends the drag only, not the screen behind it.
      if (ev.key !== 'Escape') return;
      ev.preventDefault();
      ev.stopPropagation();
      finish('cancel');
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onCancel);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('blur', onBlur);
    end.current = () => finish('quiet');
    frame = requestAnimationFrame(scroll);
    show();
  };

  return { drag, start };
}

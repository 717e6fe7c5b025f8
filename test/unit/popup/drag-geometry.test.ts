// Dragging a row: the place it lands on stays within its part of the list, the drop line sits where the row will go,
// and the list scrolls near its edges, faster the nearer and the longer held, and not at all in between.
import { describe, expect, it } from 'vitest';
import { autoScrollStep, dropLineTop, dropPlace, MAX_ACCELERATION, MAX_SCROLL_STEP } from '../../../extension/popup/components/drag-geometry.ts';
import { ROW_HEIGHT } from '../../../extension/popup/list-geometry.ts';

describe('dropPlace', () => {
  it('lands on the slot nearest to the dragged row\'s top edge', () => {
    expect(dropPlace(4 * ROW_HEIGHT, 0, 9)).toBe(4);
    expect(dropPlace(1.4 * ROW_HEIGHT, 0, 9)).toBe(1);
    expect(dropPlace(1.6 * ROW_HEIGHT, 0, 9)).toBe(2);
  });

  it('stays within the row\'s part of the list however far it is dragged', () => {
    expect(dropPlace(-3 * ROW_HEIGHT, 2, 6)).toBe(2);
    expect(dropPlace(0, 2, 6)).toBe(2);
    expect(dropPlace(40 * ROW_HEIGHT, 2, 6)).toBe(6);
  });
});

describe('dropLineTop', () => {
  it('draws the line above the row landed on when moving up, below it when moving down', () => {
    expect(dropLineTop(4, 1)).toBe(ROW_HEIGHT);
    expect(dropLineTop(1, 4)).toBe(5 * ROW_HEIGHT);
  });
});

describe('autoScrollStep', () => {
  it('does not scroll away from the edges', () => {
    expect(autoScrollStep(200, 416)).toBe(0);
    expect(autoScrollStep(41, 416)).toBe(0);
  });

  it('scrolls up near the top and down near the bottom, faster nearer the edge', () => {
    expect(autoScrollStep(30, 416)).toBeLessThan(0);
    expect(autoScrollStep(5, 416)).toBeLessThan(autoScrollStep(30, 416));
    expect(autoScrollStep(390, 416)).toBeGreaterThan(0);
    expect(autoScrollStep(410, 416)).toBeGreaterThan(autoScrollStep(390, 416));
  });

  it('scrolls at full speed, no faster, with the pointer past an edge', () => {
    expect(autoScrollStep(-100, 416)).toBe(-MAX_SCROLL_STEP);
    expect(autoScrollStep(900, 416)).toBe(MAX_SCROLL_STEP);
  });

  it('speeds up the longer the pointer is held at an edge, up to a limit', () => {
    expect(autoScrollStep(410, 416, 30)).toBeGreaterThan(autoScrollStep(410, 416, 0));
    expect(autoScrollStep(900, 416, 60)).toBe(3 * MAX_SCROLL_STEP);
    expect(autoScrollStep(-100, 416, 100_000)).toBe(-MAX_ACCELERATION * MAX_SCROLL_STEP);
    expect(autoScrollStep(200, 416, 100_000)).toBe(0);
  });
});

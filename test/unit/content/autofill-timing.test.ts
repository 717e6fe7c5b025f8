// Which code a fill uses: never one about to expire, and never one this origin was already given; pure background logic.
import { describe, expect, it } from 'vitest';
import { fillMoment, MIN_REMAINING_MS } from '../../../extension/background/autofill/code-timing.ts';

describe('fillMoment', () => {
  const start = 1_800_000_000_000; // a multiple of 30 s
  const step = start / 30_000;

  it('uses the current code when at least 3 s of it remain', () => {
    expect(fillMoment(start + 1_000, 30)).toEqual({ at: start + 1_000, waitMs: 0, step });
    expect(fillMoment(start + 30_000 - MIN_REMAINING_MS, 30)).toEqual({ at: start + 27_000, waitMs: 0, step });
  });

  it('waits for the next code when under 3 s remain', () => {
    expect(fillMoment(start + 28_500, 30)).toEqual({ at: start + 30_000, waitMs: 1_500, step: step + 1 });
    expect(fillMoment(start + 59_999, 60)).toEqual({ at: start + 60_000, waitMs: 1, step: start / 60_000 + 1 });
  });

  it('never gives a step this origin already got: it waits for the one after', () => {
    expect(fillMoment(start + 1_000, 30, step)).toEqual({ at: start + 30_000, waitMs: 29_000, step: step + 1 });
    expect(fillMoment(start + 1_000, 30, step - 1)).toEqual({ at: start + 1_000, waitMs: 0, step });
    // Under 3 s left and the next step already given: the one after that.
    expect(fillMoment(start + 28_500, 30, step + 1)).toEqual({ at: start + 60_000, waitMs: 31_500, step: step + 2 });
  });
});

// Which code a fill uses (never one about to expire); pure background logic.
import { describe, expect, it } from 'vitest';
import { fillMoment, MIN_REMAINING_MS } from '../../../extension/background/autofill/code-timing.ts';

describe('fillMoment', () => {
  const step = 1_800_000_000_000; // a multiple of 30 s

  it('uses the current code when at least 3 s of it remain', () => {
    expect(fillMoment(step + 1_000, 30)).toEqual({ at: step + 1_000, waitMs: 0 });
    expect(fillMoment(step + 30_000 - MIN_REMAINING_MS, 30)).toEqual({ at: step + 27_000, waitMs: 0 });
  });

  it('waits for the next code when under 3 s remain', () => {
    expect(fillMoment(step + 28_500, 30)).toEqual({ at: step + 30_000, waitMs: 1_500 });
    expect(fillMoment(step + 59_999, 60)).toEqual({ at: step + 60_000, waitMs: 1 });
  });
});

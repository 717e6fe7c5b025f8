// The password back-off policy as a table: when a wait starts, how it grows, where it stops and when it is forgotten.
import { describe, expect, it } from 'vitest';
import {
  afterPasswordFailure, backoffDelayMs, checkBackoff, freshBackoff, passwordBackoffPolicy, type BackoffState,
} from '../../../demo-server/security/password-backoff.ts';

const t0 = 1_700_000_000_000;
const minute = 60_000;

function failTimes(n: number, now = t0, from: BackoffState = freshBackoff): BackoffState {
  let s = from;
  for (let i = 0; i < n; i++) s = afterPasswordFailure(s, now);
  return s;
}

describe('backoffDelayMs', () => {
  it.each([
    [0, 0], [1, 0], [4, 0], [5, 1000], [6, 2000], [7, 4000], [8, 8000], [12, 128_000], [14, 512_000],
    [15, 15 * minute], [16, 15 * minute], [1000, 15 * minute], [Number.MAX_SAFE_INTEGER, 15 * minute],
  ])('after %i consecutive failures waits %i ms', (failures, ms) => {
    expect(backoffDelayMs(failures)).toBe(ms);
  });

  it('never waits longer than the cap', () => {
    for (let n = 0; n < 200; n++) expect(backoffDelayMs(n)).toBeLessThanOrEqual(passwordBackoffPolicy.maxDelayMs);
  });
});

describe('checkBackoff and afterPasswordFailure', () => {
  it('lets the first four failures through without a wait', () => {
    expect(checkBackoff(failTimes(4), t0)).toEqual({ blocked: false });
  });

  it('blocks for one second after the fifth failure, then lets one more attempt through', () => {
    const s = failTimes(5);
    expect(checkBackoff(s, t0)).toEqual({ blocked: true, retryAfterSec: 1 });
    expect(checkBackoff(s, t0 + 999)).toEqual({ blocked: true, retryAfterSec: 1 });
    expect(checkBackoff(s, t0 + 1000)).toEqual({ blocked: false });
  });

  it('doubles the wait with each further failure and rounds Retry-After up', () => {
    const s = afterPasswordFailure(failTimes(5), t0 + 1000);
    expect(s.failures).toBe(6);
    expect(checkBackoff(s, t0 + 1000)).toEqual({ blocked: true, retryAfterSec: 2 });
    expect(checkBackoff(s, t0 + 2500)).toEqual({ blocked: true, retryAfterSec: 1 });
    expect(checkBackoff(s, t0 + 3000)).toEqual({ blocked: false });
  });

  it('forgets a count left alone for a day', () => {
    const s = failTimes(12);
    const later = afterPasswordFailure(s, t0 + passwordBackoffPolicy.forgetAfterMs);
    expect(later).toEqual({ failures: 1, lastFailureAt: t0 + passwordBackoffPolicy.forgetAfterMs, blockedUntil: null });
  });

  it('keeps a count that was touched within the day', () => {
    const s = failTimes(12);
    expect(afterPasswordFailure(s, t0 + passwordBackoffPolicy.forgetAfterMs - 1).failures).toBe(13);
  });

  it('is never blocked without failures', () => {
    expect(checkBackoff(freshBackoff, t0)).toEqual({ blocked: false });
  });
});

// The hybrid logical clock: never goes back, orders after what it received, refuses clocks from a broken device.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHlc, compareHlc, HlcError, MAX_CLOCK_AHEAD_MS, receiveHlc, tickHlc } from '../../../../src/shared/index.ts';
import { at, T0 } from './sync-fixtures.ts';

describe('hybrid logical clock', () => {
  it('follows wall time and counts events within the same millisecond', () => {
    const a = tickHlc(null, T0, 'dev-a');
    expect(a).toEqual({ t: T0, c: 0, n: 'dev-a' });
    expect(tickHlc(a, T0, 'dev-a')).toEqual({ t: T0, c: 1, n: 'dev-a' });
    expect(tickHlc(a, T0 + 5, 'dev-a')).toEqual({ t: T0 + 5, c: 0, n: 'dev-a' });
  });

  it('never goes back when the wall clock does', () => {
    const a = tickHlc(null, T0, 'dev-a');
    const b = tickHlc(a, T0 - 60_000, 'dev-a');
    expect(compareHlc(b, a)).toBeGreaterThan(0);
    expect(b.t).toBe(T0);
  });

  it('orders the next local event after a received clock even when our wall clock is behind', () => {
    const remote = at(T0 + 10_000, 'dev-b', 3);
    const mine = receiveHlc(at(T0, 'dev-a'), remote, T0, 'dev-a');
    expect(compareHlc(mine, remote)).toBeGreaterThan(0);
    expect(compareHlc(tickHlc(mine, T0, 'dev-a'), remote)).toBeGreaterThan(0);
  });

  it('is a total order: time, then counter, then device id', () => {
    expect(compareHlc(at(T0, 'z', 9), at(T0 + 1, 'a', 0))).toBeLessThan(0);
    expect(compareHlc(at(T0, 'z', 1), at(T0, 'a', 2))).toBeLessThan(0);
    expect(compareHlc(at(T0, 'a', 1), at(T0, 'b', 1))).toBeLessThan(0);
    expect(compareHlc(at(T0, 'a', 1), at(T0, 'a', 1))).toBe(0);
  });

  it('refuses a received clock more than a day ahead, and accepts one just inside the bound', () => {
    const tooFar = at(T0 + MAX_CLOCK_AHEAD_MS + 1, 'dev-b');
    expect(() => receiveHlc(null, tooFar, T0, 'dev-a')).toThrowError(expect.objectContaining({ code: 'future' }));
    expect(receiveHlc(null, at(T0 + MAX_CLOCK_AHEAD_MS, 'dev-b'), T0, 'dev-a').t).toBe(T0 + MAX_CLOCK_AHEAD_MS);
  });

  it('refuses malformed clocks from outside', () => {
    for (const bad of [null, 'x', { t: -1, c: 0, n: 'a' }, { t: 1.5, c: 0, n: 'a' }, { t: 1, c: -1, n: 'a' }, { t: 1, c: 0, n: '' },
      { t: 1, c: 0, n: 'a/b' }, { t: 1, c: 0 }, []]) {
      expect(() => checkHlc(bad, T0)).toThrow(HlcError);
    }
  });

  it('always moves forward: a tick or a receive orders after the last clock and after what was received', () => {
    const clock = fc.record({ t: fc.integer({ min: T0 - 5, max: T0 + 5 }), c: fc.integer({ min: 0, max: 3 }), n: fc.constantFrom('dev-a', 'dev-b') });
    fc.assert(fc.property(clock, clock, fc.integer({ min: T0 - 10, max: T0 + 10 }), (last, remote, now) => {
      expect(compareHlc(tickHlc(last, now, 'dev-a'), last)).toBeGreaterThan(0);
      const next = receiveHlc(last, remote, now, 'dev-a');
      expect(compareHlc(next, last)).toBeGreaterThan(0);
      expect(compareHlc(next, remote)).toBeGreaterThan(0);
      expect(next.t).toBe(Math.max(last.t, remote.t, now));
    }));
  });

  it('refuses a wall time that is not a number', () => {
    expect(() => tickHlc(null, Number.NaN, 'dev-a')).toThrow(HlcError);
  });
});

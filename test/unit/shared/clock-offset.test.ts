// The clock-offset estimate from servers' Date headers: the round trip halved, Date's whole seconds, outliers and
// slow answers refused, expiry after a day, and the corrected time used only when the user chose it.
import { describe, expect, it } from 'vitest';
import {
  clockIsOff, codeTime, estimateOffset, freshOffset, OFFSET_TTL_MS, parseHttpDate, sampleOffset, type ClockSample,
} from '../../../src/shared/clock-offset.ts';

const T = Date.UTC(2026, 11, 7, 12, 0, 0);

/** A sample of a server whose clock is `ahead` ms ahead of the device, answering in `rtt` ms. */
function sample(ahead: number, rtt = 100, sentAt = T): ClockSample {
  const serverReads = sentAt + rtt / 2 + ahead;
  return { sentAt, receivedAt: sentAt + rtt, serverDate: Math.floor(serverReads / 1000) * 1000 };
}

describe('clock offset', () => {
  it('halves the round trip and allows for Date\'s whole seconds', () => {
    const offset = sampleOffset(sample(42_000, 300)) ?? NaN;
    // Truncation to the second loses up to a second; taking the middle of it, the estimate is within half a second.
    expect(Math.abs(offset - 42_000)).toBeLessThanOrEqual(500);
    expect(Math.abs((sampleOffset(sample(-90_000, 2_000)) ?? NaN) + 90_000)).toBeLessThanOrEqual(500);
  });

  it('refuses a sample whose round trip is too slow, negative or not a number', () => {
    expect(sampleOffset(sample(10_000, 4_500))).toBeNull();
    expect(sampleOffset({ sentAt: T, receivedAt: T - 5, serverDate: T })).toBeNull();
    expect(sampleOffset({ sentAt: T, receivedAt: T + 10, serverDate: Number.NaN })).toBeNull();
  });

  it('takes the median of the agreeing samples and drops an outlier (a server with a wrong clock)', () => {
    const est = estimateOffset([sample(30_000), sample(30_400, 200), sample(29_800, 50), sample(-600_000)], T);
    expect(est?.samples).toBe(3);
    expect(Math.abs((est?.offsetMs ?? NaN) - 30_000)).toBeLessThanOrEqual(700);
    expect(estimateOffset([sample(1_000, 9_000)], T)).toBeNull();
    expect(estimateOffset([], T)).toBeNull();
  });

  it('warns from 15 s off, either way, and not below', () => {
    expect(clockIsOff(estimateOffset([sample(16_000)], T), T)).toBe(true);
    expect(clockIsOff(estimateOffset([sample(-16_000)], T), T)).toBe(true);
    expect(clockIsOff(estimateOffset([sample(9_000)], T), T)).toBe(false);
    expect(clockIsOff(null, T)).toBe(false);
  });

  it('expires a day after it was measured', () => {
    const est = estimateOffset([sample(60_000)], T);
    expect(freshOffset(est, T + OFFSET_TTL_MS - 1)).toBe(est);
    expect(freshOffset(est, T + OFFSET_TTL_MS)).toBeNull();
    expect(clockIsOff(est, T + OFFSET_TTL_MS + 1)).toBe(false);
  });

  it('corrects the time for codes only when the user chose it and the estimate is fresh', () => {
    const est = estimateOffset([sample(60_000)], T);
    expect(codeTime(T, est, false)).toBe(T);
    expect(Math.abs(codeTime(T, est, true) - (T + 60_000))).toBeLessThanOrEqual(500);
    expect(codeTime(T + OFFSET_TTL_MS, est, true)).toBe(T + OFFSET_TTL_MS);
  });

  it('reads an HTTP Date header and refuses anything else', () => {
    expect(parseHttpDate('Mon, 07 Dec 2026 12:00:00 GMT')).toBe(T);
    expect(parseHttpDate('yesterday')).toBeNull();
    expect(parseHttpDate(null)).toBeNull();
    expect(parseHttpDate('x'.repeat(100))).toBeNull();
  });
});

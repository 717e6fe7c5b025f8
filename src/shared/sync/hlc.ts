// Hybrid logical clocks: a timestamp per sync event that follows wall time but never goes back and totally orders events.
//
// An Hlc is { t: wall milliseconds, c: counter within the same t, n: the device id }. Comparing (t, c, n) in that
// order is a total order: two different devices can never produce equal clocks, so last-writer-wins has no ties.
//
// Untrusted clocks (read from a sync backend) are checked by checkHlc: a wall time more than MAX_CLOCK_AHEAD_MS
// ahead of our own now is REFUSED, not clamped. Clamping would make each device rewrite the same remote clock
// differently (at a different now), so merges would stop converging; refusing leaves the record out until real time
// catches up, and keeps one device with a broken clock (year 2100) from winning every later edit forever.
import { CodedError } from '../coded-error.ts';

export interface Hlc {
  /** Wall time in ms since the epoch (the highest this device has seen). */
  t: number;
  /** Events within the same t. */
  c: number;
  /** The device that made the event: breaks the last tie. */
  n: string;
}

/** How far ahead of our clock a received clock may be: beyond this it is a broken clock, not skew. */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
const MAX_COUNTER = 0xffff_ffff;
const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export type HlcErrorCode = 'malformed' | 'future';

export class HlcError extends CodedError<HlcErrorCode> {
  override name = 'HlcError';
}

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID.test(value);
}

/** The clock for a local event (an edit on this device). */
export function tickHlc(last: Hlc | null, nowMs: number, device: string): Hlc {
  checkDevice(device, nowMs);
  const lastT = last?.t ?? 0;
  const t = Math.max(lastT, Math.floor(nowMs));
  const c = last && t === lastT ? last.c + 1 : 0;
  return checkCounter({ t, c, n: device });
}

/** Our clock after seeing a remote clock: above both, so our next edit orders after everything we merged. */
export function receiveHlc(last: Hlc | null, remote: unknown, nowMs: number, device: string): Hlc {
  checkDevice(device, nowMs);
  const r = checkHlc(remote, nowMs);
  const now = Math.floor(nowMs);
  const lastT = last?.t ?? 0;
  const t = Math.max(lastT, r.t, now);
  let c = 0;
  if (last && t === lastT && t === r.t) c = Math.max(last.c, r.c) + 1;
  else if (last && t === lastT) c = last.c + 1;
  else if (t === r.t) c = r.c + 1;
  return checkCounter({ t, c, n: device });
}

/** Total order: wall time, then counter, then device id. Negative when a is earlier. */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  if (a.c !== b.c) return a.c < b.c ? -1 : 1;
  return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
}

export function maxHlc(a: Hlc, b: Hlc): Hlc {
  return compareHlc(a, b) >= 0 ? a : b;
}

/** Validates a clock read from outside; throws HlcError('future') for a wall time too far ahead of nowMs. */
export function checkHlc(value: unknown, nowMs: number): Hlc {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HlcError('malformed', 'A clock must be an object.');
  const { t, c, n } = value as Record<string, unknown>;
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) throw new HlcError('malformed', 'A clock time must be a whole number of ms.');
  if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 0 || c > MAX_COUNTER) throw new HlcError('malformed', 'A clock counter is out of range.');
  if (!isDeviceId(n)) throw new HlcError('malformed', 'A clock names no valid device.');
  if (t > nowMs + MAX_CLOCK_AHEAD_MS) {
    throw new HlcError('future', `A clock is ${Math.round((t - nowMs) / 3_600_000)} hours ahead of this device: its writer's clock is wrong.`);
  }
  return { t, c, n };
}

function checkDevice(device: string, nowMs: number): void {
  if (!isDeviceId(device)) throw new HlcError('malformed', 'A device id is 1 to 64 letters, digits, - or _.');
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new HlcError('malformed', 'The wall time must be a number of ms.');
}

function checkCounter(clock: Hlc): Hlc {
  if (clock.c > MAX_COUNTER) throw new HlcError('malformed', 'Too many events within one millisecond.');
  return clock;
}

// How far the device clock is from the real time, estimated from the `Date` header of servers Keyfob already talks
// to (the sync server, a bound site where it fills): a TOTP code is only right when the clock is.

/** One exchange: when the request left and the answer came back (device clock, epoch ms), and the server's `Date`. */
export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  /** The server's `Date` header in epoch ms (whole seconds: the header has no finer resolution). */
  serverDate: number;
}

export interface ClockOffset {
  /** Real time minus device time, in ms: positive when the device clock is behind. */
  offsetMs: number;
  /** Device time of the estimate; it expires a day later and is measured again. */
  measuredAt: number;
  /** How many samples agreed. */
  samples: number;
}

/** A round trip longer than this says too little about when the server read its clock. */
export const MAX_ROUND_TRIP_MS = 4_000;
/** From this far off, codes start to be refused (a 30 s step with the usual one-step tolerance): the popup says so. */
export const WARN_FROM_MS = 15_000;
/** An estimate older than this is not used: clocks are set, time zones change, devices sleep. */
export const OFFSET_TTL_MS = 24 * 60 * 60_000;
/** A sample further than this from the others' median is an outlier (a wrong server clock, a cached answer). */
const OUTLIER_MS = 5_000;

/**
 * The offset one sample gives: the server read its clock somewhere in the round trip, taken as its middle; its `Date`
 * is truncated to the second, so the true reading is on average half a second later.
 */
export function sampleOffset(s: ClockSample): number | null {
  const rtt = s.receivedAt - s.sentAt;
  if (!Number.isFinite(rtt) || rtt < 0 || rtt > MAX_ROUND_TRIP_MS || !Number.isFinite(s.serverDate)) return null;
  return s.serverDate + 500 - (s.sentAt + rtt / 2);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The estimate from `samples` at `now`: unusable samples and outliers dropped; null when none is left. */
export function estimateOffset(samples: readonly ClockSample[], now: number): ClockOffset | null {
  const offsets = samples.map(sampleOffset).filter((o): o is number => o !== null);
  if (offsets.length === 0) return null;
  const centre = median(offsets);
  const agreeing = offsets.filter((o) => Math.abs(o - centre) <= OUTLIER_MS);
  return { offsetMs: Math.round(median(agreeing)), measuredAt: now, samples: agreeing.length };
}

/** The estimate while it is fresh, else null. */
export function freshOffset(offset: ClockOffset | null, now: number): ClockOffset | null {
  return offset && now - offset.measuredAt >= 0 && now - offset.measuredAt < OFFSET_TTL_MS ? offset : null;
}

/** Whether the device clock is off enough for codes to be refused. */
export function clockIsOff(offset: ClockOffset | null, now: number): boolean {
  const fresh = freshOffset(offset, now);
  return fresh !== null && Math.abs(fresh.offsetMs) >= WARN_FROM_MS;
}

/** The time to make codes for: the device's, or corrected by a fresh estimate when the user chose that. */
export function codeTime(now: number, offset: ClockOffset | null, useCorrected: boolean): number {
  const fresh = useCorrected ? freshOffset(offset, now) : null;
  return fresh ? now + fresh.offsetMs : now;
}

/** The `Date` header as epoch ms, or null when it is missing or not a date. */
export function parseHttpDate(header: string | null | undefined): number | null {
  if (!header || header.length > 64) return null;
  const ms = Date.parse(header);
  return Number.isFinite(ms) ? ms : null;
}

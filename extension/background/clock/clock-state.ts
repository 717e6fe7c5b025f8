// What Keyfob knows of the device clock: the last few Date samples from servers it talks to anyway (the sync server,
// a bound site where it fills), kept in local storage as bare numbers (no site, no account), and the time codes are
// made for, corrected only when the user chose that.
import { codeTime, estimateOffset, OFFSET_TTL_MS, parseHttpDate, WARN_FROM_MS, type ClockOffset, type ClockSample } from '../../../src/shared/clock-offset.ts';
import type { ClockStatus } from '../../messages.ts';
import { localStore } from '../platform/browser-api.ts';
import { readSettings } from '../vault/settings.ts';

const KEY = 'clock.samples';
/** Enough to outvote one server with a wrong clock; old ones age out of the estimate by its expiry anyway. */
const KEEP = 8;

interface StoredSample extends ClockSample { at: number }

async function samples(): Promise<StoredSample[]> {
  const stored = await localStore.get<StoredSample[]>(KEY);
  return Array.isArray(stored) ? stored : [];
}

/** Records one exchange measured at `now` (device time). */
export async function recordClockSample(sample: ClockSample, now: number): Promise<void> {
  const kept = [...await samples(), { ...sample, at: now }].slice(-KEEP);
  await localStore.set(KEY, kept);
}

/** The estimate from the samples of the last day, or null. */
export async function clockOffset(now: number): Promise<ClockOffset | null> {
  const recent = (await samples()).filter((s) => now - s.at >= 0 && now - s.at < OFFSET_TTL_MS);
  return estimateOffset(recent, now);
}

// A sync sends dozens of requests: one sample a minute from the sync server is plenty.
let lastNoted = 0;
const NOTE_EVERY_MS = 60_000;

/** Records the Date of a response to a request sent at `sentAt` (device time), when it has one. */
export async function noteServerDate(sentAt: number, receivedAt: number, date: string | null): Promise<void> {
  if (receivedAt - lastNoted < NOTE_EVERY_MS) return;
  lastNoted = receivedAt;
  const serverDate = parseHttpDate(date);
  if (serverDate !== null) await recordClockSample({ sentAt, receivedAt, serverDate }, receivedAt);
}

/** The moment to make codes for: the device's clock, or the corrected one when the user chose it and it is fresh. */
export async function codeNow(): Promise<number> {
  const now = Date.now();
  const settings = await readSettings();
  if (!settings.useCorrectedTime) return now;
  return codeTime(now, await clockOffset(now), true);
}

export async function clockStatus(): Promise<ClockStatus> {
  const now = Date.now();
  const [offset, settings] = await Promise.all([clockOffset(now), readSettings()]);
  return {
    offsetMs: offset?.offsetMs ?? null,
    off: offset !== null && Math.abs(offset.offsetMs) >= WARN_FROM_MS,
    useCorrectedTime: settings.useCorrectedTime,
  };
}

/** Origins asked for a Date sample in this worker's life: at most once an hour each (a HEAD request to that site). */
const asked = new Map<string, number>();
const ASK_EVERY_MS = 60 * 60_000;

/** Whether the page just filled on `origin` should report its server's Date (and notes that it was asked). */
export function wantsClockSample(origin: string, now: number): boolean {
  const last = asked.get(origin);
  if (last !== undefined && now - last < ASK_EVERY_MS) return false;
  if (asked.size > 256) asked.clear();
  asked.set(origin, now);
  return true;
}

// The hybrid logical clock of one sync: starts at the highest clock this browser already stamped or merged (not now:
// a local edit is stamped with the time it was made), ticks for each stamp, and moves past every clock it receives.
import { maxHlc, receiveHlc, tickHlc, type Hlc } from '../../../../src/shared/sync/hlc.ts';
import { latestClockOf } from '../../../../src/shared/sync/sync-record.ts';
import type { LocalRecord } from './local-record.ts';

export interface RunClock {
  /** A new clock at `at` (never later than now), after every clock seen so far. */
  tick(at?: number): Hlc;
  /** Moves the clock past a record read from the backend. */
  receive(remote: Hlc): void;
}

export function startClock(local: ReadonlyMap<string, LocalRecord>, now: () => number, device: string): RunClock {
  let last: Hlc | null = null;
  for (const l of local.values()) last = last ? maxHlc(last, latestClockOf(l.record)) : latestClockOf(l.record);
  return {
    tick: (at: number = now()) => (last = tickHlc(last, Math.min(at, now()), device)),
    receive: (remote) => {
      last = receiveHlc(last, remote, now(), device);
    },
  };
}

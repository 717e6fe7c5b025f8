// When sync runs: a few seconds after the accounts change (edits come in bursts: an import, a scan and a rename),
// on an alarm (other browsers' edits arrive without any local change), after every unlock, and on "Sync now".
// Never more than one at a time; a request during a run runs once more after it.
import { alarms } from '../platform/browser-api.ts';
import { onAccountsChanged } from '../vault/change-events.ts';
import { onVaultUnlocked } from '../vault/lifecycle.ts';

export const SYNC_ALARM = 'keyfob-sync';
/** Minutes between syncs while nothing changes here. */
export const SYNC_PERIOD_MINUTES = 15;
const DEBOUNCE_MS = 3_000;

/** One engine run; `round` counts the runs of one request (0 first), which run back to back while requests arrive. */
type Runner = (round: number) => Promise<void>;

let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | null = null;
// While a sync writes what it merged, the rows change too: that must not schedule another sync.
let applying = 0;

export function isSyncRunning(): boolean {
  return running !== null;
}

/** Runs `work` (the engine writing merged rows) without it counting as a local change. */
export async function whileApplying<T>(work: () => Promise<T>): Promise<T> {
  applying += 1;
  try {
    return await work();
  } finally {
    applying -= 1;
  }
}

/**
 * Runs `work` once no sync is in flight, and keeps every sync from starting until it has ended: rotating the sync key
 * changes the key and the files under a sync's feet. `work` may run syncs itself (directly, not through runSyncNow).
 */
export async function withoutOtherSyncs<T>(work: () => Promise<T>): Promise<T> {
  while (running) await running;
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } = { ok: false, error: new Error('not run') };
  running = (async () => {
    try {
      outcome = { ok: true, value: await work() };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      running = null;
    }
  })();
  await running;
  const done = outcome as { ok: true; value: T } | { ok: false; error: unknown };
  if (!done.ok) throw done.error;
  return done.value;
}

/** Runs one sync now, or after the one in flight; resolves when the sync that covers this request has ended. */
export function runSyncNow(run: Runner): Promise<void> {
  if (running) {
    again = true;
    return running.then(() => running ?? Promise.resolve());
  }
  running = (async () => {
    try {
      let round = 0;
      do {
        again = false;
        await run(round++).catch(() => undefined);
      } while (again);
    } finally {
      running = null;
    }
  })();
  return running;
}

function requestSoon(run: Runner): void {
  if (timer) clearTimeout(timer);
  // A worker stopped before the timer fires loses it; the alarm is the backstop.
  timer = setTimeout(() => {
    timer = null;
    void runSyncNow(run);
  }, DEBOUNCE_MS);
}

/** Registers the triggers; must run synchronously at worker start so the alarm wakes the worker. */
export function installSyncTriggers(run: Runner, enabled: () => Promise<boolean>, noteEdits: (ids: readonly string[], at: number) => Promise<void>): void {
  onAccountsChanged((ids) => {
    if (applying > 0) return;
    const at = Date.now();
    void enabled().then(async (on) => {
      if (!on) return;
      await noteEdits(ids, at);
      requestSoon(run);
    });
  });
  onVaultUnlocked(() => {
    void enabled().then((on) => on && requestSoon(run));
  });
  alarms.onAlarm((name) => {
    if (name === SYNC_ALARM) void enabled().then((on) => (on ? runSyncNow(run) : alarms.clear(SYNC_ALARM)));
  });
}

export async function armSyncAlarm(): Promise<void> {
  await alarms.createRepeating(SYNC_ALARM, SYNC_PERIOD_MINUTES);
}

export async function disarmSyncAlarm(): Promise<void> {
  await alarms.clear(SYNC_ALARM);
}

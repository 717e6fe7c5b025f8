// Remembers the code the popup copied (as a hash) and empties the clipboard when that code expires, or when the
// vault locks, if the clipboard still holds it. Kept in session storage so a stopped worker picks it up again.
import { alarms } from '../platform/browser-api.ts';
import { sessionStore } from '../platform/session-store.ts';
import { clearClipboardHolding } from './clipboard-access.ts';
import { afterWake } from '../wake-chores.ts';

const KEY = 'keyfob-clipboard-pending';
const ALARM = 'keyfob-clipboard-clear';

export interface PendingClear {
  /** SHA-256 hex of the copied text: the worker never keeps the code itself. */
  codeHash: string;
  /** Epoch ms at which the copied code stops being current. */
  clearAt: number;
}

// A setTimeout is exact while the worker lives; the alarm is the backstop when the worker was stopped meanwhile.
let timer: ReturnType<typeof setTimeout> | undefined;
// One clipboard job at a time: the timer, the alarm and a lock can fire together, and there is one offscreen page.
let queue: Promise<unknown> = Promise.resolve();

function serial<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

function arm(pending: PendingClear, now: number): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(() => { timer = undefined; void clearIfDue(Date.now()); }, Math.max(0, pending.clearAt - now));
  void alarms.createAt(ALARM, pending.clearAt);
}

async function forget(): Promise<void> {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  await sessionStore.remove(KEY);
  await alarms.clear(ALARM);
}

async function clearNow(pending: PendingClear): Promise<void> {
  const outcome = await clearClipboardHolding(pending.codeHash).catch(() => 'failed' as const);
  // A failure is not retried: a clipboard we cannot read now will not become readable by asking again.
  if (outcome === 'failed') console.warn('keyfob: could not check the clipboard for an expired code');
  await forget();
}

/** Records a copied code and arms its clearing; a newer copy replaces an older one (the clipboard holds one text). */
export function scheduleClipboardClear(pending: PendingClear, now: number): Promise<void> {
  return serial(async () => {
    await sessionStore.set(KEY, pending);
    arm(pending, now);
  });
}

/** Clears the clipboard if the recorded code has expired by `now`; re-arms the timer otherwise. */
export function clearIfDue(now: number): Promise<void> {
  return serial(async () => {
    const pending = await sessionStore.get<PendingClear>(KEY);
    if (!pending) return;
    if (pending.clearAt > now) arm(pending, now);
    else await clearNow(pending);
  });
}

/** Empties the clipboard now if it still holds the last copied code (for Lock and auto-lock). */
export function clearCopiedCodeNow(): Promise<void> {
  return serial(async () => {
    const pending = await sessionStore.get<PendingClear>(KEY);
    if (pending) await clearNow(pending);
  });
}

/** Registers the alarm listener and re-arms a pending clear; must run synchronously when the worker starts. */
export function installClipboardClear(): void {
  alarms.onAlarm((name) => {
    if (name === ALARM) void clearIfDue(Date.now());
  });
  // A code copied before the worker stopped: its timer went with the worker (the alarm is the backstop).
  afterWake(() => clearIfDue(Date.now()));
}

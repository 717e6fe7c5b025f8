// Locks the vault after the user's idle time (chrome.idle, with a chrome.alarms backstop that survives
// worker restarts), and arms or disarms those triggers as the vault unlocks, locks or settings change.
import { alarms, idle, type IdleState } from '../platform/browser-api.ts';
import { AUTO_LOCK_ALARM, lockVault } from './lock.ts';
import { hasDataKey } from './session-key.ts';
import { readSettings } from './settings.ts';
import { afterWake } from '../wake-chores.ts';

// chrome.idle refuses detection intervals under 15 s.
const MIN_DETECTION_SECONDS = 15;

/** The whole auto-lock rule: a positive idle time is set and the machine is idle or its screen is locked. */
export function shouldAutoLock(state: IdleState, autoLockMinutes: number): boolean {
  return autoLockMinutes > 0 && state !== 'active';
}

/** Call after unlocking and after the auto-lock setting changes. */
export async function armAutoLock(): Promise<void> {
  const { autoLockMinutes } = await readSettings();
  if (autoLockMinutes <= 0) {
    await alarms.clear(AUTO_LOCK_ALARM);
    return;
  }
  idle.setDetectionInterval(Math.max(MIN_DETECTION_SECONDS, autoLockMinutes * 60));
  // The idle event can be missed while the worker is being restarted; the alarm re-checks every minute.
  await alarms.createRepeating(AUTO_LOCK_ALARM, 1);
}

export async function disarmAutoLock(): Promise<void> {
  await alarms.clear(AUTO_LOCK_ALARM);
}

/** Locks now if the user has been idle for the chosen time; what the idle event and the alarm both run. */
export async function lockIfIdle(): Promise<void> {
  if (!(await hasDataKey())) {
    await disarmAutoLock();
    return;
  }
  const { autoLockMinutes } = await readSettings();
  if (autoLockMinutes <= 0) return;
  // onStateChanged may use an older detection interval, so the idle time is always re-measured here.
  const measured = await idle.queryState(Math.max(MIN_DETECTION_SECONDS, autoLockMinutes * 60));
  // The same lock as the Lock button, so the hand-offs in session storage go with the key.
  if (shouldAutoLock(measured, autoLockMinutes)) await lockVault();
}

/** Registers the listeners; must run synchronously when the worker script starts so events wake it. */
export function installAutoLock(): void {
  idle.onStateChanged((state) => {
    if (state !== 'active') void lockIfIdle();
  });
  alarms.onAlarm((name) => {
    if (name === AUTO_LOCK_ALARM) void lockIfIdle();
  });
  // The detection interval is not guaranteed to outlive the worker: set it again on every start. Until then an idle
  // event at the browser's default interval only asks lockIfIdle, which measures with the user's own.
  afterWake(() => readSettings().then((s) => {
    if (s.autoLockMinutes > 0) idle.setDetectionInterval(Math.max(MIN_DETECTION_SECONDS, s.autoLockMinutes * 60));
  }));
}

// The per-account second-factor lock: pure arithmetic over the consecutive-failure count and the clock.

export const lockoutPolicy = {
  /** Every this many consecutive failures, the second factor locks. */
  failuresPerLock: 5,
  baseLockMs: 15 * 60 * 1000,
  maxLockMs: 24 * 60 * 60 * 1000,
  /** At this many consecutive failures the second factor stays locked until an admin resets it (NIST: never above 100). */
  hardLockFailures: 20,
} as const;

export interface LockState { failures: number; lockedUntil: number | null; hardLocked: boolean }

export type LockCheck = { locked: false } | { locked: true; retryAfterSec: number | null };

export function checkLock(state: LockState, now: number): LockCheck {
  if (state.hardLocked) return { locked: true, retryAfterSec: null };
  if (state.lockedUntil !== null && state.lockedUntil > now) {
    return { locked: true, retryAfterSec: Math.ceil((state.lockedUntil - now) / 1000) };
  }
  return { locked: false };
}

/** The state after one more failure: 5 → 15 min, 10 → 30 min, 15 → 1 h … capped, and a hard lock at the threshold. */
export function afterFailure(state: LockState, now: number): LockState & { newlyLocked: boolean } {
  const failures = state.failures + 1;
  if (failures >= lockoutPolicy.hardLockFailures) {
    return { failures, lockedUntil: state.lockedUntil, hardLocked: true, newlyLocked: !state.hardLocked };
  }
  if (failures % lockoutPolicy.failuresPerLock !== 0) return { ...state, failures, newlyLocked: false };
  const level = failures / lockoutPolicy.failuresPerLock - 1;
  const ms = Math.min(lockoutPolicy.baseLockMs * 2 ** level, lockoutPolicy.maxLockMs);
  return { failures, lockedUntil: now + ms, hardLocked: false, newlyLocked: true };
}

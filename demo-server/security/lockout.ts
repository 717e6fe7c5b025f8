// The per-account second-factor lock: pure arithmetic over the consecutive-failure count and the clock.

export const lockoutPolicy = {
  /** Every this many consecutive failures, the second factor locks. */
  failuresPerLock: 5,
  baseLockMs: 15 * 60 * 1000,
  maxLockMs: 24 * 60 * 60 * 1000,
  /** At this many consecutive failures authentication codes stay locked until a recovery code or an admin resets the count (NIST: never above 100). */
  hardLockFailures: 20,
  /** NIST SP 800-63B 5.2.2: never more than 100 consecutive failures, whatever the kind of code. */
  maxConsecutiveFailures: 100,
} as const;

/**
 * Which codes the lock stops. It exists to stop guessing 6-digit codes (10^6 values); a recovery code carries 120 random
 * bits, beyond guessing at any rate (NIST SP 800-63B 5.1.2.2 asks no rate limit above 64 bits), so a user who holds
 * one gets through a timed or hard lock instead of waiting for an administrator. Wrong recovery codes still count, and
 * at 100 consecutive failures nothing passes any more: the account then needs a password reset or an administrator.
 */
export function codeKindPassesLock(kind: 'totp' | 'recovery', failures: number): boolean {
  return kind === 'recovery' && failures < lockoutPolicy.maxConsecutiveFailures;
}

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

/**
 * The lock after a failure the database has already counted (an atomic increment that returns the new count and the
 * lock as it stood): the same steps as afterFailure, so concurrent failures, each seeing its own count, lock exactly once.
 */
export function lockAfterCountedFailure(counted: LockState, now: number): LockState & { newlyLocked: boolean } {
  return afterFailure({ ...counted, failures: counted.failures - 1 }, now);
}

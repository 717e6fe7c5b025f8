// The per-account password back-off: pure arithmetic over the consecutive-failure count and the clock.
// It slows guessing (one try per 15 minutes at worst) without locking anybody out: the wait always ends, and a
// remembered device has its own count, so an attacker's failures never keep the real user's device waiting.

export const passwordBackoffPolicy = {
  /** From this many consecutive failures on, each failure starts a wait twice as long as the one before. */
  delayFromFailure: 5,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  /** A count untouched for this long starts again from zero, so old typos do not follow a user forever. */
  forgetAfterMs: 24 * 60 * 60 * 1000,
} as const;

export interface BackoffState { failures: number; lastFailureAt: number | null; blockedUntil: number | null }

export const freshBackoff: BackoffState = { failures: 0, lastFailureAt: null, blockedUntil: null };

export type BackoffCheck = { blocked: false } | { blocked: true; retryAfterSec: number };

/** The wait after `failures` consecutive failures: none for the first 4, then 1 s, 2 s, 4 s … capped at 15 min. */
export function backoffDelayMs(failures: number): number {
  const doublings = failures - passwordBackoffPolicy.delayFromFailure;
  if (doublings < 0) return 0;
  // Capping the exponent keeps 2 ** n finite for any count a long attack could reach.
  return Math.min(passwordBackoffPolicy.firstDelayMs * 2 ** Math.min(doublings, 30), passwordBackoffPolicy.maxDelayMs);
}

export function checkBackoff(state: BackoffState, now: number): BackoffCheck {
  if (state.blockedUntil !== null && state.blockedUntil > now) {
    return { blocked: true, retryAfterSec: Math.ceil((state.blockedUntil - now) / 1000) };
  }
  return { blocked: false };
}

/** The state after one more failure at `now`. */
export function afterPasswordFailure(state: BackoffState, now: number): BackoffState {
  const stale = state.lastFailureAt !== null && now - state.lastFailureAt >= passwordBackoffPolicy.forgetAfterMs;
  const failures = (stale ? 0 : state.failures) + 1;
  const delay = backoffDelayMs(failures);
  return { failures, lastFailureAt: now, blockedUntil: delay === 0 ? null : now + delay };
}

/** The outcome of one password attempt under the back-off: a wait means the password was not checked at all. */
export type PasswordCheck = { ok: true } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'wait'; retryAfterSec: number };
export type PasswordRefusal = Extract<PasswordCheck, { ok: false }>;

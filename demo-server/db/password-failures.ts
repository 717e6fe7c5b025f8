// Consecutive password failures per account key (a keyed hash of an e-mail, known or not, or of a remembered device).
import type { Db } from './database.ts';
import {
  afterPasswordFailure, checkBackoff, freshBackoff, passwordBackoffPolicy, type BackoffCheck, type BackoffState,
} from '../security/password-backoff.ts';

interface Row { failures: number; last_failure_at: number; blocked_until: number | null }

function stateOf(row: Row | undefined): BackoffState {
  return row ? { failures: row.failures, lastFailureAt: row.last_failure_at, blockedUntil: row.blocked_until } : freshBackoff;
}

/**
 * Checks the back-off and, when the attempt may go ahead, counts it as a failure before the password is checked:
 * a burst of concurrent guesses then meets the wait as soon as enough of them have started, not only once they
 * have finished hashing. A correct password clears the count again (clearPasswordFailures).
 */
export function claimPasswordAttempt(db: Db, accountKey: string, now: number): BackoffCheck {
  return db.transaction((): BackoffCheck => {
    const row = db.prepare('SELECT failures, last_failure_at, blocked_until FROM password_failures WHERE account_key = ?').get(accountKey) as Row | undefined;
    const state = stateOf(row);
    const check = checkBackoff(state, now);
    if (check.blocked) return check;
    const next = afterPasswordFailure(state, now);
    if (!row) {
      // Rows for addresses nobody tried for a day go as new ones come, so guessing many addresses cannot grow the table for good.
      db.prepare('DELETE FROM password_failures WHERE last_failure_at <= ?').run(now - passwordBackoffPolicy.forgetAfterMs);
    }
    db.prepare(`INSERT INTO password_failures (account_key, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)
      ON CONFLICT(account_key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until`)
      .run(accountKey, next.failures, next.lastFailureAt, next.blockedUntil);
    return check;
  })();
}

export function clearPasswordFailures(db: Db, accountKey: string): void {
  db.prepare('DELETE FROM password_failures WHERE account_key = ?').run(accountKey);
}

export function passwordFailuresOf(db: Db, accountKey: string): number {
  return stateOf(db.prepare('SELECT failures, last_failure_at, blocked_until FROM password_failures WHERE account_key = ?').get(accountKey) as Row | undefined).failures;
}

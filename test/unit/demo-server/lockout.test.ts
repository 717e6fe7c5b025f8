// The second-factor lock arithmetic: the lock a failure earns when the database has already counted it.
import { describe, expect, it } from 'vitest';
import { afterFailure, checkLock, lockAfterCountedFailure, lockoutPolicy, type LockState } from '../../../demo-server/security/lockout.ts';

const t0 = 1_700_000_000_000;
const minute = 60_000;
const fresh: LockState = { failures: 0, lockedUntil: null, hardLocked: false };

/** What the atomic increment hands back: the new count, with the lock columns as they stood before this failure. */
function counted(before: LockState): LockState {
  return { ...before, failures: before.failures + 1 };
}

describe('lockAfterCountedFailure', () => {
  it('does not lock on the counts between locks', () => {
    for (const failures of [1, 2, 3, 4, 6, 9]) {
      const next = lockAfterCountedFailure({ failures, lockedUntil: null, hardLocked: false }, t0);
      expect(next).toEqual({ failures, lockedUntil: null, hardLocked: false, newlyLocked: false });
    }
  });

  it('locks for 15 minutes on the fifth failure, 30 on the tenth, an hour on the fifteenth', () => {
    expect(lockAfterCountedFailure({ failures: 5, lockedUntil: null, hardLocked: false }, t0))
      .toEqual({ failures: 5, lockedUntil: t0 + 15 * minute, hardLocked: false, newlyLocked: true });
    expect(lockAfterCountedFailure({ failures: 10, lockedUntil: t0 - 1, hardLocked: false }, t0).lockedUntil).toBe(t0 + 30 * minute);
    expect(lockAfterCountedFailure({ failures: 15, lockedUntil: t0 - 1, hardLocked: false }, t0).lockedUntil).toBe(t0 + 60 * minute);
  });

  it('hard-locks once, at the threshold, and keeps counting after it without locking anew', () => {
    const hard = lockAfterCountedFailure({ failures: lockoutPolicy.hardLockFailures, lockedUntil: t0 - 1, hardLocked: false }, t0);
    expect(hard).toMatchObject({ hardLocked: true, newlyLocked: true });
    const later = lockAfterCountedFailure({ failures: lockoutPolicy.hardLockFailures + 1, lockedUntil: t0 - 1, hardLocked: true }, t0);
    expect(later).toMatchObject({ failures: lockoutPolicy.hardLockFailures + 1, hardLocked: true, newlyLocked: false });
    expect(checkLock(later, t0)).toEqual({ locked: true, retryAfterSec: null });
  });

  it('walks the same states as reading the row and adding one, failure after failure', () => {
    let readModifyWrite = fresh;
    let atomic = fresh;
    for (let i = 0; i < lockoutPolicy.hardLockFailures + 3; i++) {
      const now = t0 + i * minute;
      const a = afterFailure(readModifyWrite, now);
      const b = lockAfterCountedFailure(counted(atomic), now);
      expect(b).toEqual(a);
      readModifyWrite = a;
      atomic = b;
    }
    expect(atomic).toMatchObject({ failures: lockoutPolicy.hardLockFailures + 3, hardLocked: true });
  });

  it('locks exactly once when concurrent failures each get their own count', () => {
    // Five requests fail at once; the increment hands each a distinct count, all seeing the lock columns still empty.
    const results = [1, 2, 3, 4, 5].map((failures) => lockAfterCountedFailure({ failures, lockedUntil: null, hardLocked: false }, t0));
    expect(results.filter((r) => r.newlyLocked)).toHaveLength(1);
    expect(results[4]).toMatchObject({ failures: 5, lockedUntil: t0 + 15 * minute, newlyLocked: true });
  });
});

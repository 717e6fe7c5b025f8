// One check for every second-factor entry point (setup confirm, web challenge, API verify): lock, replay, recovery codes.
import type { AppContext } from '../context.ts';
import { recordSecurityEvent } from '../db/security-event.ts';
import {
  addRecoveryCode, claimTotpStep, consumeRecoveryCode, countSecondFactorFailure, countUnusedRecoveryCodes, lockStateOf, saveLock,
  saveLockState,
} from '../db/second-factor.ts';
import { findUserById, type UserRow } from '../db/users.ts';
import { checkLock, codeKindPassesLock, lockAfterCountedFailure } from './lockout.ts';
import { generateRecoveryCode, normaliseRecoveryCode } from './recovery-codes.ts';
import { totpSecretAad } from './secret-box.ts';
import { claimableStep, isReplayedStep, normaliseTotpInput, stepsWithCode } from './totp.ts';

export type SecondFactorInput = { kind: 'totp'; code: unknown } | { kind: 'recovery'; code: unknown };

export type SecondFactorResult =
  | { ok: true; method: 'totp' | 'recovery_code'; replacementCode: string | null; remaining: number }
  | { ok: false; reason: 'invalid' }
  /** The code of a step already used: refused and counted like any failure, but the user can be told to wait. */
  | { ok: false; reason: 'replayed' }
  | { ok: false; reason: 'locked'; retryAfterSec: number | null };

/**
 * Verifies a code for a user: `who` is the id, or the user's row when the caller has just read it in this request
 * (one read fewer on the challenge's hot path). Every failure, whatever its cause (bad shape, wrong, replayed, unreadable
 * secret), counts once toward the account's lock; only success resets the counter. During a lock TOTP codes are
 * refused unchecked, while a recovery code is still checked: a right one signs in, a wrong one counts and is refused.
 * `pendingSetup` checks the not-yet-confirmed secret of a setup in progress.
 */
export async function verifySecondFactor(ctx: AppContext, who: number | UserRow, input: SecondFactorInput, opts: { pendingSetup?: boolean } = {}): Promise<SecondFactorResult> {
  const now = ctx.config.now();
  const user = typeof who === 'number' ? findUserById(ctx.db, who) : who;
  if (!user || user.totp_secret === null || (user.totp_confirmed_at === null) !== Boolean(opts.pendingSetup)) {
    return { ok: false, reason: 'invalid' };
  }
  const lock = checkLock(lockStateOf(user), now);
  // A recovery code is checked even during a lock (see codeKindPassesLock); setup confirmation takes TOTP codes only.
  if (lock.locked && (opts.pendingSetup || !codeKindPassesLock(input.kind, user.second_factor_failures))) return { ok: false, reason: 'locked', retryAfterSec: lock.retryAfterSec };

  const success = input.kind === 'totp' ? await checkTotp(ctx, user, input.code, now)
    : opts.pendingSetup ? null : checkRecoveryCode(ctx, user, input.code, now);
  if (success && success.ok) {
    saveLockState(ctx.db, user.id, { failures: 0, lockedUntil: null, hardLocked: false });
    if (lock.locked) recordSecurityEvent(ctx, user, { action: 'two_factor.unlocked', actorId: null, detail: 'by a recovery code' });
    return success;
  }
  const failure = recordFailure(ctx, user, now);
  // A replay still counts toward the lock; only an unlocked account hears that the code was already used.
  return success && !success.ok && failure.ok === false && failure.reason === 'invalid' ? success : failure;
}

async function checkTotp(ctx: AppContext, user: UserRow, raw: unknown, now: number): Promise<SecondFactorResult | null> {
  const code = typeof raw === 'string' ? normaliseTotpInput(raw) : null;
  if (code === null || user.totp_secret === null) return null;
  const secret = ctx.box.open(user.totp_secret, totpSecretAad(user.id));
  if (secret === null) {
    ctx.log.alert(`two-factor secret of user ${user.id} failed to decrypt (tampered, swapped or wrong key)`);
    recordSecurityEvent(ctx, user, { action: 'two_factor.secret_unreadable', actorId: null });
    return null;
  }
  const matched = stepsWithCode(secret, code, now);
  // The code of no step in the window: wrong, and no claim or re-read could make it a replay.
  if (matched.length === 0) return null;
  const step = claimableStep(matched, user.totp_last_step);
  if (step === null || !claimTotpStep(ctx.db, user.id, step)) {
    // Read the last step again: a concurrent request may just have claimed this very step.
    const lastStep = findUserById(ctx.db, user.id)?.totp_last_step ?? user.totp_last_step;
    if (!isReplayedStep(matched, lastStep)) return null;
    recordSecurityEvent(ctx, user, { action: 'two_factor.totp_replay_rejected', actorId: null });
    return { ok: false, reason: 'replayed' };
  }
  return { ok: true, method: 'totp', replacementCode: null, remaining: countUnusedRecoveryCodes(ctx.db, user.id) };
}

function checkRecoveryCode(ctx: AppContext, user: UserRow, raw: unknown, now: number): SecondFactorResult | null {
  const code = typeof raw === 'string' ? normaliseRecoveryCode(raw.trim()) : null;
  if (code === null) return null;
  const replacement = ctx.db.transaction((): string | null | false => {
    if (!consumeRecoveryCode(ctx.db, user.id, ctx.hashRecoveryCode(code), now)) return false;
    if (ctx.config.recoveryCodes !== 'replace') return null;
    const fresh = generateRecoveryCode();
    addRecoveryCode(ctx.db, user.id, ctx.hashRecoveryCode(normaliseRecoveryCode(fresh) as string), `replacement-${now}`, now);
    return fresh;
  })();
  if (replacement === false) return null;
  const remaining = countUnusedRecoveryCodes(ctx.db, user.id);
  recordSecurityEvent(ctx, user, { action: 'recovery_code.used', detail: `${remaining} remaining`, notice: replacement
      ? `A recovery code was used to sign in. It was replaced by a new one, so you still have ${remaining}.`
      : `A recovery code was used to sign in. ${remaining} of 8 remain.` });
  return { ok: true, method: 'recovery_code', replacementCode: replacement, remaining };
}

/** Counts the failure with an atomic increment and, in the same transaction, writes the lock that count earns. */
function recordFailure(ctx: AppContext, user: UserRow, now: number): SecondFactorResult {
  const next = ctx.db.transaction(() => {
    const counted = countSecondFactorFailure(ctx.db, user.id);
    if (!counted) return null;
    const after = lockAfterCountedFailure(counted, now);
    if (after.newlyLocked) saveLock(ctx.db, user.id, after);
    return after;
  })();
  if (next === null) return { ok: false, reason: 'invalid' };
  if (next.newlyLocked) {
    const action = next.hardLocked ? 'two_factor.hard_locked' : 'two_factor.locked';
    recordSecurityEvent(ctx, user, { action, actorId: null, detail: `${next.failures} consecutive failed codes`,
      notice: next.hardLocked
        ? `After ${next.failures} wrong codes in a row, sign-in with authentication codes is locked until an administrator resets it. One of your recovery codes still signs you in and lifts the lock.`
        : `After ${next.failures} wrong codes in a row, sign-in with authentication codes is locked until ${new Date(next.lockedUntil ?? now).toISOString()}. One of your recovery codes still signs you in.` });
    ctx.log.alert(`second factor of user ${user.id} locked after ${next.failures} consecutive failures`);
  }
  const lock = checkLock(next, now);
  return lock.locked ? { ok: false, reason: 'locked', retryAfterSec: lock.retryAfterSec } : { ok: false, reason: 'invalid' };
}

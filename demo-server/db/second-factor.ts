// The second-factor columns and tables: secret, last accepted step, failure lock, recovery codes, remembered devices.
import { statement, type Db } from './database.ts';
import type { LockState } from '../security/lockout.ts';
import type { UserRow } from './users.ts';

export function lockStateOf(u: UserRow): LockState {
  return { failures: u.second_factor_failures, lockedUntil: u.second_factor_locked_until, hardLocked: u.second_factor_hard_locked === 1 };
}

export function saveLockState(db: Db, userId: number, s: LockState): void {
  statement(db, 'UPDATE users SET second_factor_failures = ?, second_factor_locked_until = ?, second_factor_hard_locked = ? WHERE id = ?')
    .run(s.failures, s.lockedUntil, s.hardLocked ? 1 : 0, userId);
}

/**
 * Counts one more failure in one statement (no read-modify-write, so concurrent failures each count once) and returns
 * the new count with the lock columns as they stood; undefined for a user who no longer exists.
 */
export function countSecondFactorFailure(db: Db, userId: number): LockState | undefined {
  const row = statement<[number], { failures: number; lockedUntil: number | null; hardLocked: number }>(db,
    `UPDATE users SET second_factor_failures = second_factor_failures + 1 WHERE id = ?
      RETURNING second_factor_failures AS failures, second_factor_locked_until AS lockedUntil, second_factor_hard_locked AS hardLocked`).get(userId);
  return row && { failures: row.failures, lockedUntil: row.lockedUntil, hardLocked: row.hardLocked === 1 };
}

export function saveLock(db: Db, userId: number, s: Pick<LockState, 'lockedUntil' | 'hardLocked'>): void {
  statement(db, 'UPDATE users SET second_factor_locked_until = ?, second_factor_hard_locked = ? WHERE id = ?')
    .run(s.lockedUntil, s.hardLocked ? 1 : 0, userId);
}

/** Atomic compare-and-set: true only for the one request that moves the last step forward. */
export function claimTotpStep(db: Db, userId: number, step: number): boolean {
  return statement(db, 'UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)')
    .run(step, userId, step).changes === 1;
}

export function startTotpSetup(db: Db, userId: number, sealedSecret: string): void {
  statement(db, 'UPDATE users SET totp_secret = ?, totp_confirmed_at = NULL, totp_last_step = NULL WHERE id = ? AND totp_confirmed_at IS NULL')
    .run(sealedSecret, userId);
}

export function confirmTotp(db: Db, userId: number, now: number): boolean {
  return statement(db, 'UPDATE users SET totp_confirmed_at = ? WHERE id = ? AND totp_secret IS NOT NULL AND totp_confirmed_at IS NULL')
    .run(now, userId).changes === 1;
}

/** Disable or admin reset: secret, codes, devices and the lock go; the caller bumps the auth epoch. */
export function wipeSecondFactor(db: Db, userId: number): void {
  db.transaction(() => {
    statement(db, `UPDATE users SET totp_secret = NULL, totp_confirmed_at = NULL, totp_last_step = NULL,
      second_factor_failures = 0, second_factor_locked_until = NULL, second_factor_hard_locked = 0 WHERE id = ?`).run(userId);
    statement(db, 'DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
    statement(db, 'DELETE FROM remembered_devices WHERE user_id = ?').run(userId);
  })();
}

export function replaceRecoveryCodes(db: Db, userId: number, hashes: string[], batchId: string, now: number): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
    const insert = statement(db, 'INSERT INTO recovery_codes (user_id, code_hash, batch_id, created_at) VALUES (?, ?, ?, ?)');
    for (const h of hashes) insert.run(userId, h, batchId, now);
  })();
}

/** Marks the code used with a used_at IS NULL guard, so of two concurrent uses exactly one wins. */
export function consumeRecoveryCode(db: Db, userId: number, hash: string, now: number): boolean {
  return statement(db, 'UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL')
    .run(now, userId, hash).changes === 1;
}

export function addRecoveryCode(db: Db, userId: number, hash: string, batchId: string, now: number): void {
  statement(db, 'INSERT INTO recovery_codes (user_id, code_hash, batch_id, created_at) VALUES (?, ?, ?, ?)').run(userId, hash, batchId, now);
}

export function countUnusedRecoveryCodes(db: Db, userId: number): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL').get(userId) as { n: number }).n;
}

export function rememberDevice(db: Db, d: { userId: number; tokenHash: string; epoch: number; now: number; ttlMs: number }): number {
  return Number(statement(db, 'INSERT INTO remembered_devices (user_id, token_hash, auth_epoch, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(d.userId, d.tokenHash, d.epoch, d.now, d.now + d.ttlMs).lastInsertRowid);
}

export function findRememberedDevice(db: Db, tokenHash: string): { user_id: number; auth_epoch: number; expires_at: number } | undefined {
  return statement(db, 'SELECT user_id, auth_epoch, expires_at FROM remembered_devices WHERE token_hash = ?').get(tokenHash) as
    { user_id: number; auth_epoch: number; expires_at: number } | undefined;
}

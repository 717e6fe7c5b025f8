// Rows of the users table and the queries the routes need; second-factor columns live in second-factor.ts.
import { statement, type Db } from './database.ts';

export interface UserRow {
  id: number;
  name: string;
  email: string;
  password_hash: string;
  created_at: number;
  auth_epoch: number;
  totp_secret: string | null;
  totp_confirmed_at: number | null;
  totp_last_step: number | null;
  second_factor_failures: number;
  second_factor_locked_until: number | null;
  second_factor_hard_locked: number;
  sudo_failures: number;
  sudo_locked_until: number | null;
  last_sign_in_at: number | null;
  last_sign_in_method: SignInMethod | null;
  /** When the owner proved the address (verification link or password reset); ADMIN_EMAILS counts only after it. */
  email_verified_at: number | null;
  /** The operator's word (`npm run admin`): granted makes an administrator, revoked beats ADMIN_EMAILS. */
  admin_grant: AdminGrant | null;
}

export type AdminGrant = 'granted' | 'revoked';

export type SignInMethod = 'password' | 'totp' | 'recovery_code' | 'remembered_device' | 'api' | 'api_totp' | 'api_recovery_code';

export function findUserById(db: Db, id: number): UserRow | undefined {
  return statement<[number], UserRow>(db, 'SELECT * FROM users WHERE id = ?').get(id);
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return statement<[string], UserRow>(db, 'SELECT * FROM users WHERE email = ?').get(email);
}

export function insertUser(db: Db, u: { name: string; email: string; passwordHash: string; now: number }): number | null {
  const r = statement(db, 'INSERT INTO users (name, email, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(email) DO NOTHING')
    .run(u.name, u.email, u.passwordHash, u.now);
  return r.changes === 1 ? Number(r.lastInsertRowid) : null;
}

export function isTwoFactorEnabled(u: UserRow): boolean {
  return u.totp_secret !== null && u.totp_confirmed_at !== null;
}

export function recordSignIn(db: Db, userId: number, method: SignInMethod, now: number): void {
  statement(db, 'UPDATE users SET last_sign_in_at = ?, last_sign_in_method = ? WHERE id = ?').run(now, method, userId);
}

/** Ends every session and remembered device issued before now; returns the new epoch. */
export function bumpAuthEpoch(db: Db, userId: number, now: number): number {
  db.prepare('UPDATE users SET auth_epoch = auth_epoch + 1 WHERE id = ?').run(userId);
  db.prepare('DELETE FROM remembered_devices WHERE user_id = ?').run(userId);
  db.prepare("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE user_id = ? AND kind = 'sign-in'").run(now, userId);
  return (db.prepare('SELECT auth_epoch FROM users WHERE id = ?').get(userId) as { auth_epoch: number }).auth_epoch;
}

export function updatePasswordHash(db: Db, userId: number, hash: string): void {
  db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, userId);
}

export type TwoFactorFilter = 'enabled' | 'disabled' | 'all';

export function listUsers(db: Db, filter: TwoFactorFilter): UserRow[] {
  const where = filter === 'enabled' ? 'WHERE totp_confirmed_at IS NOT NULL'
    : filter === 'disabled' ? 'WHERE totp_confirmed_at IS NULL' : '';
  return db.prepare(`SELECT * FROM users ${where} ORDER BY id`).all() as UserRow[];
}

/** Marks the address proven; the first proof's time stays. Returns whether this call verified it. */
export function markEmailVerified(db: Db, userId: number, now: number): boolean {
  return db.prepare('UPDATE users SET email_verified_at = ? WHERE id = ? AND email_verified_at IS NULL').run(now, userId).changes === 1;
}

export function setAdminGrant(db: Db, userId: number, grant: AdminGrant): void {
  db.prepare('UPDATE users SET admin_grant = ? WHERE id = ?').run(grant, userId);
}

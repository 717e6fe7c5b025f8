// E-mail verification links: only the token's hash is stored, bound to the user and the address it was sent to.
import type { Db } from './database.ts';

export interface EmailVerificationRow { id: number; user_id: number; email: string; expires_at: number; used_at: number | null }

/** A new link replaces the user's open ones, so only the latest mail works. */
export function insertEmailVerification(db: Db, v: { userId: number; email: string; hash: string; now: number; ttlMs: number }): void {
  db.transaction(() => {
    db.prepare('UPDATE email_verifications SET used_at = ? WHERE user_id = ? AND used_at IS NULL').run(v.now, v.userId);
    db.prepare('INSERT INTO email_verifications (user_id, email, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(v.userId, v.email, v.hash, v.now, v.now + v.ttlMs);
  })();
}

/** The unused, unexpired link with this hash, or undefined. */
export function findLiveEmailVerification(db: Db, hash: string, now: number): EmailVerificationRow | undefined {
  return db.prepare('SELECT id, user_id, email, expires_at, used_at FROM email_verifications WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?')
    .get(hash, now) as EmailVerificationRow | undefined;
}

/** Marks the link used; exactly one of two concurrent uses wins. */
export function useEmailVerification(db: Db, id: number, now: number): boolean {
  return db.prepare('UPDATE email_verifications SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, id).changes === 1;
}

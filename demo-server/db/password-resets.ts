// Password-reset links: only the token's hash is stored; a link works once and for a short time.
import type { Db } from './database.ts';

export function insertPasswordReset(db: Db, r: { userId: number; hash: string; now: number; ttlMs: number }): void {
  db.prepare('INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)').run(r.userId, r.hash, r.now, r.now + r.ttlMs);
}

/** The user id of a live link, or null. */
export function findLivePasswordReset(db: Db, hash: string, now: number): number | null {
  const row = db.prepare('SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?').get(hash, now) as
    { user_id: number } | undefined;
  return row?.user_id ?? null;
}

/** Marks the link used (one winner under concurrency) and kills the user's other open links. */
export function usePasswordReset(db: Db, hash: string, userId: number, now: number): boolean {
  return db.transaction(() => {
    const won = db.prepare('UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL').run(now, hash).changes === 1;
    if (won) db.prepare('UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL').run(now, userId);
    return won;
  })();
}

// API access tokens (personal and from API sign-in) and the single-use API two-factor challenges; hashes only.
import type { Db } from './database.ts';

export interface ApiTokenRow {
  id: number; user_id: number; kind: 'personal' | 'sign-in'; name: string; auth_epoch: number | null;
  created_at: number; expires_at: number | null; last_used_at: number | null; revoked_at: number | null;
}

export function insertApiToken(db: Db, t: { userId: number; kind: ApiTokenRow['kind']; name: string; hash: string; epoch: number | null; now: number; expiresAt: number | null }): number {
  return Number(db.prepare('INSERT INTO api_tokens (user_id, kind, name, token_hash, auth_epoch, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(t.userId, t.kind, t.name, t.hash, t.epoch, t.now, t.expiresAt).lastInsertRowid);
}

export function findApiTokenByHash(db: Db, hash: string): ApiTokenRow | undefined {
  return db.prepare('SELECT id, user_id, kind, name, auth_epoch, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE token_hash = ?')
    .get(hash) as ApiTokenRow | undefined;
}

export function touchApiToken(db: Db, id: number, now: number): void {
  db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, id);
}

export function personalTokensOf(db: Db, userId: number): ApiTokenRow[] {
  return db.prepare("SELECT id, user_id, kind, name, auth_epoch, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? AND kind = 'personal' AND revoked_at IS NULL ORDER BY id")
    .all(userId) as ApiTokenRow[];
}

export function revokePersonalToken(db: Db, userId: number, id: number, now: number): boolean {
  return db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND kind = 'personal' AND revoked_at IS NULL")
    .run(now, id, userId).changes === 1;
}

/** Every live personal token of the user, at once (the kill switches); returns how many were revoked. */
export function revokeAllPersonalTokens(db: Db, userId: number, now: number): number {
  return db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND kind = 'personal' AND revoked_at IS NULL")
    .run(now, userId).changes;
}

export interface ApiChallengeRow { id: number; user_id: number; expires_at: number; attempts: number; used_at: number | null }

export function insertApiChallenge(db: Db, c: { userId: number; hash: string; now: number; ttlMs: number }): void {
  db.prepare('INSERT INTO api_challenges (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)').run(c.userId, c.hash, c.now, c.now + c.ttlMs);
}

export function findApiChallenge(db: Db, hash: string): ApiChallengeRow | undefined {
  return db.prepare('SELECT id, user_id, expires_at, attempts, used_at FROM api_challenges WHERE token_hash = ?').get(hash) as ApiChallengeRow | undefined;
}

/** Counts an attempt; false when the challenge already had its last attempt or was used. */
export function countApiChallengeAttempt(db: Db, id: number, maxAttempts: number): boolean {
  return db.prepare('UPDATE api_challenges SET attempts = attempts + 1 WHERE id = ? AND used_at IS NULL AND attempts < ?').run(id, maxAttempts).changes === 1;
}

export function useApiChallenge(db: Db, id: number, now: number): boolean {
  return db.prepare('UPDATE api_challenges SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, id).changes === 1;
}

// express-session store on the app's SQLite file, so a restart keeps every session; rows are keyed by the sid's hash.
import { createHash } from 'node:crypto';
import session from 'express-session';
import type { SessionData } from 'express-session';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** A copied database holds only this: the sid a cookie carries cannot be recovered from it, so a stolen row signs nobody in. */
export function sessionKeyOf(sid: string): string {
  return createHash('sha256').update(sid).digest('hex');
}

export class SqliteSessionStore extends session.Store {
  private readonly db: Db;
  private readonly now: () => number;
  private writes = 0;
  // Prepared once: every request with a session reads (and most write) a row, so re-preparing showed in profiles.
  private readonly selectRow: Statement<[string], { sess: string; expires_at: number }>;
  private readonly upsertRow: Statement<[string, string, number]>;
  private readonly touchRow: Statement<[number, string]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly sweepExpired: Statement<[number]>;

  constructor(db: Db, now: () => number) {
    super();
    this.db = db;
    this.now = now;
    this.selectRow = db.prepare('SELECT sess, expires_at FROM sessions WHERE sid = ?');
    this.upsertRow = db.prepare(`INSERT INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)
      ON CONFLICT(sid) DO UPDATE SET sess = excluded.sess, expires_at = excluded.expires_at`);
    this.touchRow = db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?');
    this.deleteRow = db.prepare('DELETE FROM sessions WHERE sid = ?');
    this.sweepExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  override get(sid: string, cb: (err: unknown, session?: SessionData | null) => void): void {
    try {
      const row = this.selectRow.get(sessionKeyOf(sid));
      if (!row || row.expires_at <= this.now()) return cb(null, null);
      cb(null, JSON.parse(row.sess) as SessionData);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, sess: SessionData, cb?: (err?: unknown) => void): void {
    // During shutdown a request that outlived its socket (a slow password hash) may still try to save: drop it quietly.
    if (!this.db.open) return cb?.();
    try {
      this.upsertRow.run(sessionKeyOf(sid), JSON.stringify(sess), this.expiryOf(sess));
      // Expired rows are swept now and then rather than on a timer, so the store holds no handles open.
      if (++this.writes % 200 === 0) this.sweepExpired.run(this.now());
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, sess: SessionData, cb?: () => void): void {
    if (!this.db.open) return cb?.();
    try {
      this.touchRow.run(this.expiryOf(sess), sessionKeyOf(sid));
    } catch {
      // A missed touch only shortens the session's life; it must not fail the response.
    }
    cb?.();
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    if (!this.db.open) return cb?.();
    try {
      this.deleteRow.run(sessionKeyOf(sid));
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  private expiryOf(sess: SessionData): number {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires).getTime() : this.now() + dayMs;
  }
}

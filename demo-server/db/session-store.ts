// express-session store on the app's SQLite file, so a restart keeps every session.
import session from 'express-session';
import type { SessionData } from 'express-session';
import type { Db } from './database.ts';

const dayMs = 24 * 60 * 60 * 1000;

export class SqliteSessionStore extends session.Store {
  private readonly db: Db;
  private readonly now: () => number;
  private writes = 0;

  constructor(db: Db, now: () => number) {
    super();
    this.db = db;
    this.now = now;
  }

  override get(sid: string, cb: (err: unknown, session?: SessionData | null) => void): void {
    try {
      const row = this.db.prepare('SELECT sess, expires_at FROM sessions WHERE sid = ?').get(sid) as
        { sess: string; expires_at: number } | undefined;
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
      this.db.prepare(`INSERT INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)
        ON CONFLICT(sid) DO UPDATE SET sess = excluded.sess, expires_at = excluded.expires_at`)
        .run(sid, JSON.stringify(sess), this.expiryOf(sess));
      // Expired rows are swept now and then rather than on a timer, so the store holds no handles open.
      if (++this.writes % 200 === 0) this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(this.now());
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, sess: SessionData, cb?: () => void): void {
    if (!this.db.open) return cb?.();
    try {
      this.db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?').run(this.expiryOf(sess), sid);
    } catch {
      // A missed touch only shortens the session's life; it must not fail the response.
    }
    cb?.();
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    if (!this.db.open) return cb?.();
    try {
      this.db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
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

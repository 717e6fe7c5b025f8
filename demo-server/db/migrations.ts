// Versioned schema migrations, applied in order inside one transaction each; user_version records the last one.
import type { Database } from 'better-sqlite3';

const migrations: string[] = [
  // 1: users, sessions, second factor, recovery codes, remembered devices, API tokens, audit, notifications
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    auth_epoch INTEGER NOT NULL DEFAULT 0,
    totp_secret TEXT,
    totp_confirmed_at INTEGER,
    totp_last_step INTEGER,
    second_factor_failures INTEGER NOT NULL DEFAULT 0,
    second_factor_locked_until INTEGER,
    second_factor_hard_locked INTEGER NOT NULL DEFAULT 0,
    sudo_failures INTEGER NOT NULL DEFAULT 0,
    sudo_locked_until INTEGER,
    last_sign_in_at INTEGER,
    last_sign_in_method TEXT
  );
  CREATE TABLE sessions (
    sid TEXT PRIMARY KEY,
    sess TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_expires ON sessions(expires_at);
  CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE UNIQUE INDEX recovery_codes_hash ON recovery_codes(user_id, code_hash);
  CREATE TABLE remembered_devices (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    auth_epoch INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('personal', 'sign-in')),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    auth_epoch INTEGER,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    last_used_at INTEGER,
    revoked_at INTEGER
  );
  CREATE TABLE api_challenges (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    used_at INTEGER
  );
  CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    actor_id INTEGER,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
  );
  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  // 2: password reset links (hash only, single use, short-lived)
  `
  CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  `,
  // 3: sessions are now keyed by SHA-256 of their id; rows keyed by the plain id (and any show-once plaintext in them)
  // are dropped, which signs everyone out once.
  `
  DELETE FROM sessions;
  `,
  // 4: e-mail verification (ADMIN_EMAILS counts only for a verified address) and the operator's admin grant or revoke.
  // Existing accounts start unverified: an operator grants existing administrators with `npm run admin -- grant`.
  `
  ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
  ALTER TABLE users ADD COLUMN admin_grant TEXT CHECK (admin_grant IN ('granted', 'revoked'));
  CREATE TABLE email_verifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  `,
  // 5: per-account password back-off, keyed by a keyed hash so the table names no e-mail address (unknown ones included).
  // It replaces users.sudo_failures / sudo_locked_until, which nothing reads any more.
  `
  CREATE TABLE password_failures (
    account_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL,
    blocked_until INTEGER
  );
  CREATE INDEX password_failures_last ON password_failures(last_failure_at);
  `,
];

export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return migrations.length;
}

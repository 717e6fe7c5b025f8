// The audit log and the user's security notifications (mirrored to an outbox file that stands in for mail).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database.ts';

export type AuditAction = 'two_factor.enabled' | 'two_factor.disabled' | 'two_factor.reset_by_admin' | 'two_factor.locked'
  | 'two_factor.hard_locked' | 'two_factor.unlocked' | 'two_factor.secret_unreadable' | 'two_factor.totp_replay_rejected' | 'recovery_codes.regenerated' | 'recovery_code.used'
  | 'password.changed' | 'password.reset' | 'sessions.signed_out_everywhere' | 'api_token.created' | 'api_token.revoked'
  | 'email.verified' | 'registration.address_taken' | 'admin.granted' | 'admin.revoked';

export interface AuditEvent { id: number; user_id: number; actor_id: number | null; action: AuditAction; detail: string; created_at: number }

/** Detail is free text written by our code only: never codes, secrets, tokens or passwords. */
export function writeAudit(db: Db, e: { userId: number; actorId: number | null; action: AuditAction; detail?: string; now: number }): void {
  db.prepare('INSERT INTO audit_events (user_id, actor_id, action, detail, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(e.userId, e.actorId, e.action, e.detail ?? '', e.now);
}

export function auditFor(db: Db, userId: number): AuditEvent[] {
  return db.prepare('SELECT * FROM audit_events WHERE user_id = ? ORDER BY id DESC LIMIT 100').all(userId) as AuditEvent[];
}

export interface Notification { id: number; kind: string; message: string; created_at: number }

/** Mail that must not be kept in the database (it carries a one-time link): goes to the outbox only. */
export function sendMail(mailDir: string, m: { to: string; kind: string; message: string; now: number }): void {
  mkdirSync(mailDir, { recursive: true, mode: 0o700 });
  appendFileSync(join(mailDir, 'outbox.log'), JSON.stringify({ to: m.to, kind: m.kind, message: m.message, at: new Date(m.now).toISOString() }) + '\n');
}

export function notifyUser(db: Db, mailDir: string, n: { userId: number; email: string; kind: string; message: string; now: number }): void {
  db.prepare('INSERT INTO notifications (user_id, kind, message, created_at) VALUES (?, ?, ?, ?)').run(n.userId, n.kind, n.message, n.now);
  sendMail(mailDir, { to: n.email, kind: n.kind, message: n.message, now: n.now });
}

export function notificationsFor(db: Db, userId: number): Notification[] {
  return db.prepare('SELECT id, kind, message, created_at FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 20').all(userId) as Notification[];
}

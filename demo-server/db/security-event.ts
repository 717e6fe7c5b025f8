// recordSecurityEvent: the one way a security-relevant change is recorded. The audit row and the user's notice
// (notification list + outbox mail) are written together, so no flow can log one and forget the other.
import { mailDirOf } from '../config.ts';
import type { AppContext } from '../context.ts';
import { notifyUser, writeAudit, type AuditAction } from './audit.ts';

export interface SecurityEvent {
  action: AuditAction;
  /** Who did it: the user themself (the default), an administrator, or null for the system (lockouts, replays). */
  actorId?: number | null;
  /** Free text for the audit log, written by our code only: never codes, secrets, tokens or passwords. */
  detail?: string;
  /** What the user is told (notification and mail); absent for events the user need not hear about. */
  notice?: string;
}

/** The notice's kind in the outbox, named after the audit action so both logs line up. */
function noticeKindOf(action: AuditAction): string {
  if (action === 'two_factor.locked' || action === 'two_factor.hard_locked') return 'second_factor_locked';
  if (action === 'two_factor.reset_by_admin') return 'two_factor_reset';
  return action.replace(/\./g, '_');
}

// Only the clock, the database and the outbox are needed, so the operator's CLI records events without the whole app.
export function recordSecurityEvent(ctx: Pick<AppContext, 'config' | 'db'>, user: { id: number; email: string }, event: SecurityEvent): void {
  const now = ctx.config.now();
  writeAudit(ctx.db, { userId: user.id, actorId: event.actorId === undefined ? user.id : event.actorId, action: event.action, detail: event.detail, now });
  if (event.notice !== undefined) {
    notifyUser(ctx.db, mailDirOf(ctx.config), { userId: user.id, email: user.email, kind: noticeKindOf(event.action), message: event.notice, now });
  }
}

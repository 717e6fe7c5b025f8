// An administrator's reset of a user's two-factor authentication: the second factor is wiped and every session ended.
import type { AppContext } from '../context.ts';
import { wipeSecondFactor } from '../db/second-factor.ts';
import { findUserById, type UserRow } from '../db/users.ts';
import { endAllSessions, type EndedSessions } from './end-all-sessions.ts';

export type AdminResetResult = { ok: true; target: UserRow; ended: EndedSessions } | { ok: false; reason: 'not_found' };

/** `targetId` null (not a user id) is simply not found. The caller is already checked to be an administrator. */
export function resetTwoFactorByAdmin(ctx: AppContext, admin: UserRow, targetId: number | null): AdminResetResult {
  const target = targetId === null ? undefined : findUserById(ctx.db, targetId);
  if (!target) return { ok: false, reason: 'not_found' };
  wipeSecondFactor(ctx.db, target.id);
  const ended = endAllSessions(ctx, target, { action: 'two_factor.reset_by_admin', actorId: admin.id, detail: `by ${admin.email}`,
    what: 'An administrator reset two-factor authentication on your account. Set it up again in your settings.' });
  return { ok: true, target, ended };
}

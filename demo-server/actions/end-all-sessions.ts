// endAllSessions: the one kill switch behind password change and reset, "sign out everywhere", disabling 2FA and the
// admin reset. Sessions, remembered devices, API sign-in tokens (all three die with the auth epoch) and personal access
// tokens (which carry no epoch) end together, so no switch can forget one of them.
import type { AppContext } from '../context.ts';
import { revokeAllPersonalTokens } from '../db/api-tokens.ts';
import type { AuditAction } from '../db/audit.ts';
import { bumpAuthEpoch } from '../db/users.ts';
import { recordSecurityEvent } from '../db/security-event.ts';

export type KillSwitch = Extract<AuditAction,
  'password.changed' | 'password.reset' | 'sessions.signed_out_everywhere' | 'two_factor.disabled' | 'two_factor.reset_by_admin'>;

export interface KillSwitchEvent {
  action: KillSwitch;
  /** What happened, in the user's words; the notice adds what was ended. */
  what: string;
  /** An administrator, for the admin reset; the user themself otherwise. */
  actorId?: number;
  detail?: string;
}

export interface EndedSessions {
  /** The user's new auth epoch: a session that should carry on (the one that pulled the switch) takes it. */
  epoch: number;
  personalTokensRevoked: number;
}

/** The sentence every kill-switch notice and flash ends with, so the user is told plainly that tokens died too. */
export function endedSessionsText(personalTokensRevoked: number, who: 'others' | 'all' = 'others'): string {
  const sessions = who === 'all' ? 'Every session and remembered device was signed out.' : 'Other sessions and remembered devices were signed out.';
  const tokens = personalTokensRevoked === 0 ? 'Personal access tokens are revoked too (you had none).'
    : personalTokensRevoked === 1 ? 'Your personal access token was revoked.'
      : `All ${personalTokensRevoked} of your personal access tokens were revoked.`;
  return `${sessions} ${tokens}`;
}

export function endAllSessions(ctx: AppContext, user: { id: number; email: string }, event: KillSwitchEvent): EndedSessions {
  const now = ctx.config.now();
  const ended = ctx.db.transaction((): EndedSessions => ({
    epoch: bumpAuthEpoch(ctx.db, user.id, now),
    personalTokensRevoked: revokeAllPersonalTokens(ctx.db, user.id, now),
  }))();
  const revoked = `${ended.personalTokensRevoked} personal access token(s) revoked`;
  recordSecurityEvent(ctx, user, {
    action: event.action,
    ...(event.actorId === undefined ? {} : { actorId: event.actorId }),
    detail: event.detail ? `${event.detail}; ${revoked}` : revoked,
    // A reset (by link or by an administrator) leaves the user signed in nowhere; the other switches keep the caller's browser.
    notice: `${event.what} ${endedSessionsText(ended.personalTokensRevoked, event.action === 'password.reset' || event.action === 'two_factor.reset_by_admin' ? 'all' : 'others')}`,
  });
  return ended;
}

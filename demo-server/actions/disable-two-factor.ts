// Disabling two-factor authentication: the current password, then the second factor is wiped and every session ended.
import type { AppContext } from '../context.ts';
import { wipeSecondFactor } from '../db/second-factor.ts';
import type { UserRow } from '../db/users.ts';
import type { PasswordRefusal } from '../security/password-backoff.ts';
import { checkConfirmationPassword } from './check-password.ts';
import { endAllSessions, type EndedSessions } from './end-all-sessions.ts';

/** `ended` is null when there was no second factor to disable. */
export type DisableResult = PasswordRefusal | { ok: true; ended: EndedSessions | null };

export async function disableTwoFactor(ctx: AppContext, user: UserRow, password: string | null): Promise<DisableResult> {
  const check = await checkConfirmationPassword(ctx, user, password);
  if (!check.ok) return check;
  if (user.totp_secret === null) return { ok: true, ended: null };
  wipeSecondFactor(ctx.db, user.id);
  return { ok: true, ended: endAllSessions(ctx, user, { action: 'two_factor.disabled', what: 'Two-factor authentication was disabled on your account.' }) };
}

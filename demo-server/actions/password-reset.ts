// Forgotten password: mail a single-use link (built from PUBLIC_URL), and reset with it, which ends every session,
// revokes every token and signs nobody in.
import { mailDirOf } from '../config.ts';
import type { AppContext } from '../context.ts';
import { sendMail } from '../db/audit.ts';
import { findLivePasswordReset, insertPasswordReset, usePasswordReset } from '../db/password-resets.ts';
import { findUserByEmail, findUserById, updatePasswordHash } from '../db/users.ts';
import { checkPasswordStrength, hashPassword, passwordProblemText } from '../security/passwords.ts';
import { hashToken, randomToken } from '../security/tokens.ts';
import { publicLink } from '../public-url.ts';
import { forgetPasswordFailures } from './check-password.ts';
import { endAllSessions, type EndedSessions } from './end-all-sessions.ts';
import { verifyEmailByPasswordReset } from './verify-email.ts';

export const passwordResetMs = 30 * 60 * 1000;

/** `email` is normalised. Nothing is returned: the answer must not tell whether the address has an account. */
export function requestPasswordReset(ctx: AppContext, email: string): void {
  const user = findUserByEmail(ctx.db, email);
  if (!user) return;
  const token = randomToken(32);
  const now = ctx.config.now();
  insertPasswordReset(ctx.db, { userId: user.id, hash: hashToken(token), now, ttlMs: passwordResetMs });
  sendMail(mailDirOf(ctx.config), { to: user.email, kind: 'password_reset_link', now,
    // PUBLIC_URL, never the request's Host: a forged Host would otherwise mail the victim a link to the attacker's site.
    message: `Reset your password: ${publicLink(ctx.publicUrl, `/reset-password?token=${token}`)}` });
}

/** Whether a link would still work (for the form); uses nothing up. */
export function isLivePasswordReset(ctx: AppContext, token: string): boolean {
  return token !== '' && findLivePasswordReset(ctx.db, hashToken(token), ctx.config.now()) !== null;
}

export interface PasswordResetInput { token: string; password: string | null; confirmation: string | null }

export type PasswordResetResult =
  | { ok: true; ended: EndedSessions }
  | { ok: false; reason: 'dead_link' }
  | { ok: false; reason: 'problem'; problem: string };

export async function resetPassword(ctx: AppContext, input: PasswordResetInput): Promise<PasswordResetResult> {
  const { token, password } = input;
  const userId = token ? findLivePasswordReset(ctx.db, hashToken(token), ctx.config.now()) : null;
  const user = userId === null ? undefined : findUserById(ctx.db, userId);
  if (!user) return { ok: false, reason: 'dead_link' };
  if (password === null) return { ok: false, reason: 'problem', problem: 'Enter a new password.' };
  const problem = checkPasswordStrength(password, user.email);
  if (problem) return { ok: false, reason: 'problem', problem: passwordProblemText[problem] };
  if (password !== input.confirmation) return { ok: false, reason: 'problem', problem: 'The two passwords do not match.' };
  const hash = await hashPassword(password, ctx.config.scrypt);
  // Used up only now, after the slow hash: a concurrent use of the same link loses here.
  if (!usePasswordReset(ctx.db, hashToken(token), user.id, ctx.config.now())) return { ok: false, reason: 'dead_link' };
  updatePasswordHash(ctx.db, user.id, hash);
  verifyEmailByPasswordReset(ctx, user);
  forgetPasswordFailures(ctx, user);
  return { ok: true, ended: endAllSessions(ctx, user, { action: 'password.reset', what: 'Your password was reset.' }) };
}

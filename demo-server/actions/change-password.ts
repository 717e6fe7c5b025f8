// Changing the password while signed in: the current one first, then the new one's rules; every other session ends.
import type { AppContext } from '../context.ts';
import { updatePasswordHash, type UserRow } from '../db/users.ts';
import { checkPasswordStrength, hashPassword, passwordProblemText } from '../security/passwords.ts';
import type { PasswordRefusal } from '../security/password-backoff.ts';
import { checkConfirmationPassword } from './check-password.ts';
import { endAllSessions, type EndedSessions } from './end-all-sessions.ts';

export interface PasswordChange { current: string | null; password: string | null; confirmation: string | null }

export type ChangePasswordResult = PasswordRefusal | { ok: false; reason: 'problem'; problem: string } | { ok: true; ended: EndedSessions };

export async function changePassword(ctx: AppContext, user: UserRow, input: PasswordChange): Promise<ChangePasswordResult> {
  const check = await checkConfirmationPassword(ctx, user, input.current);
  if (!check.ok) return check;
  if (input.password === null) return { ok: false, reason: 'problem', problem: 'Enter a new password.' };
  const problem = checkPasswordStrength(input.password, user.email);
  if (problem) return { ok: false, reason: 'problem', problem: passwordProblemText[problem] };
  if (input.password !== input.confirmation) return { ok: false, reason: 'problem', problem: 'The two new passwords do not match.' };
  updatePasswordHash(ctx.db, user.id, await hashPassword(input.password, ctx.config.scrypt));
  return { ok: true, ended: endAllSessions(ctx, user, { action: 'password.changed', what: 'Your password was changed.' }) };
}

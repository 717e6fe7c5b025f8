// checkPassword: one password attempt under the per-account back-off, for sign-in (form and API) and password
// confirmation. While an account waits, no password is checked at all, not even the right one.
import type { AppContext } from '../context.ts';
import { claimPasswordAttempt, clearPasswordFailures } from '../db/password-failures.ts';
import type { PasswordCheck } from '../security/password-backoff.ts';
import { verifyPassword } from '../security/passwords.ts';

export type PasswordAttempt =
  /**
   * `email` is normalised and counted whether or not an account has it, so a wait says nothing about which exist.
   * `rememberedDevice` (the token hash of this user's live remember-device cookie) has a count of its own: failures
   * from elsewhere, an attacker's included, never make the real user's remembered browser wait.
   */
  | { kind: 'sign-in'; email: string; rememberedDevice: string | null }
  /** A signed-in user confirming their password: counted apart from sign-in, so strangers cannot slow it down. */
  | { kind: 'confirm'; userId: number };

function backoffKeyOf(ctx: AppContext, attempt: PasswordAttempt): string {
  if (attempt.kind === 'confirm') return ctx.accountKeyOf(`confirm:user:${attempt.userId}`);
  if (attempt.rememberedDevice !== null) return ctx.accountKeyOf(`sign-in:device:${attempt.rememberedDevice}`);
  return ctx.accountKeyOf(`sign-in:email:${attempt.email}`);
}

/** `passwordHash` is null for an unknown e-mail: a dummy hash is checked so timing matches a wrong password. */
export async function checkPassword(ctx: AppContext, attempt: PasswordAttempt, password: string, passwordHash: string | null): Promise<PasswordCheck> {
  const key = backoffKeyOf(ctx, attempt);
  const claim = claimPasswordAttempt(ctx.db, key, ctx.config.now());
  if (claim.blocked) return { ok: false, reason: 'wait', retryAfterSec: claim.retryAfterSec };
  const ok = await verifyPassword(password, passwordHash ?? ctx.dummyPasswordHash);
  if (!ok || passwordHash === null) return { ok: false, reason: 'wrong' };
  clearPasswordFailures(ctx.db, key);
  return { ok: true };
}

/** A signed-in user re-entering their password for a sensitive step (sudo, password change, disabling 2FA). */
export function checkConfirmationPassword(ctx: AppContext, user: { id: number; password_hash: string }, password: string | null): Promise<PasswordCheck> {
  return checkPassword(ctx, { kind: 'confirm', userId: user.id }, password ?? '', user.password_hash);
}

/** A completed password reset proves the mailbox: the owner starts again without waiting. */
export function forgetPasswordFailures(ctx: AppContext, user: { id: number; email: string }): void {
  clearPasswordFailures(ctx.db, backoffKeyOf(ctx, { kind: 'sign-in', email: user.email.toLowerCase(), rememberedDevice: null }));
  clearPasswordFailures(ctx.db, backoffKeyOf(ctx, { kind: 'confirm', userId: user.id }));
}

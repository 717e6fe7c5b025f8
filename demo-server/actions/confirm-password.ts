// Password confirmation ("sudo") before a sensitive step; confirming on the way to 2FA setup starts the setup at once.
import type { AppContext } from '../context.ts';
import type { UserRow } from '../db/users.ts';
import type { PasswordCheck } from '../security/password-backoff.ts';
import { checkConfirmationPassword } from './check-password.ts';
import { startSetup } from './two-factor-setup.ts';

/**
 * `startsSetup`: the Enable button leads here first, so after confirming, setup starts rather than asking for a
 * second click. A setup already in progress is resumed, so a QR scanned before the confirmation lapsed stays valid.
 */
export async function confirmPassword(ctx: AppContext, user: UserRow, password: string | null, opts: { startsSetup: boolean }): Promise<PasswordCheck> {
  const check = await checkConfirmationPassword(ctx, user, password);
  if (check.ok && opts.startsSetup && user.totp_secret === null) startSetup(ctx, user);
  return check;
}

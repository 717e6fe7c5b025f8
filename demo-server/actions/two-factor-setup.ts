// Setting up two-factor authentication: start (a fresh unconfirmed secret), read it back for the QR, confirm with a
// first code (which issues the recovery codes), cancel.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { confirmTotp, replaceRecoveryCodes, startTotpSetup, wipeSecondFactor } from '../db/second-factor.ts';
import { findUserById, isTwoFactorEnabled, type UserRow } from '../db/users.ts';
import { generateRecoveryCode, normaliseRecoveryCode } from '../security/recovery-codes.ts';
import { totpSecretAad } from '../security/secret-box.ts';
import { verifySecondFactor } from '../security/second-factor.ts';
import { generateTotpSecret, otpauthUriFor } from '../security/totp.ts';
import { recordSecurityEvent } from '../db/security-event.ts';

export const recoveryCodeCount = 8;

/** A new secret replaces any unconfirmed one, so a code from an abandoned QR never confirms. */
export function startSetup(ctx: AppContext, user: Pick<UserRow, 'id'>): void {
  startTotpSetup(ctx.db, user.id, ctx.box.seal(generateTotpSecret(), totpSecretAad(user.id)));
}

/** Replaces the user's whole batch: old codes stop working at once. Returns the plaintext, to be shown once. */
export function issueRecoveryCodes(ctx: AppContext, userId: number): string[] {
  const codes = Array.from({ length: recoveryCodeCount }, generateRecoveryCode);
  replaceRecoveryCodes(ctx.db, userId, codes.map((c) => ctx.hashRecoveryCode(normaliseRecoveryCode(c) as string)), randomUUID(), ctx.config.now());
  return codes;
}

export type BeginSetupResult = { ok: true } | { ok: false; reason: 'already_enabled' };

export function beginTwoFactorSetup(ctx: AppContext, user: UserRow): BeginSetupResult {
  if (isTwoFactorEnabled(user)) return { ok: false, reason: 'already_enabled' };
  startSetup(ctx, user);
  return { ok: true };
}

export type PendingSetup = { ok: true; secret: string; otpauthUri: string } | { ok: false; reason: 'unreadable' };

/** The pending secret of `userId` as read now (a concurrent cancel leaves none), for the setup page's QR and text. */
export function pendingSetupOf(ctx: AppContext, userId: number): PendingSetup {
  const user = findUserById(ctx.db, userId);
  const secret = user?.totp_secret == null ? null : ctx.box.open(user.totp_secret, totpSecretAad(user.id));
  if (!user || secret === null) {
    ctx.log.alert(`pending two-factor secret of user ${userId} failed to decrypt`);
    return { ok: false, reason: 'unreadable' };
  }
  return { ok: true, secret, otpauthUri: otpauthUriFor(secret, ctx.config.appName, user.email) };
}

export type ConfirmSetupResult =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: 'already_enabled' | 'no_setup' | 'setup_changed' | 'invalid' | 'replayed' }
  | { ok: false; reason: 'locked'; retryAfterSec: number | null };

/** The first code proves the authenticator holds the secret; only then is 2FA on and the recovery codes issued. */
export async function confirmTwoFactorSetup(ctx: AppContext, user: UserRow, code: string | null): Promise<ConfirmSetupResult> {
  if (isTwoFactorEnabled(user)) return { ok: false, reason: 'already_enabled' };
  if (user.totp_secret === null) return { ok: false, reason: 'no_setup' };
  const result = await verifySecondFactor(ctx, user, { kind: 'totp', code }, { pendingSetup: true });
  if (!result.ok) return result;
  if (!confirmTotp(ctx.db, user.id, ctx.config.now())) return { ok: false, reason: 'setup_changed' };
  const recoveryCodes = issueRecoveryCodes(ctx, user.id);
  recordSecurityEvent(ctx, user, { action: 'two_factor.enabled', notice: 'Two-factor authentication was enabled on your account.' });
  return { ok: true, recoveryCodes };
}

/** Drops an unconfirmed setup; an enabled second factor is left alone (disabling asks for the password). */
export function cancelTwoFactorSetup(ctx: AppContext, user: UserRow): void {
  if (!isTwoFactorEnabled(user)) wipeSecondFactor(ctx.db, user.id);
}

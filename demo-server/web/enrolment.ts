// Creating second-factor material: a fresh (unconfirmed) TOTP secret, and a batch of recovery codes.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { replaceRecoveryCodes, startTotpSetup } from '../db/second-factor.ts';
import type { UserRow } from '../db/users.ts';
import { generateRecoveryCode, normaliseRecoveryCode } from '../security/recovery-codes.ts';
import { totpSecretAad } from '../security/secret-box.ts';
import { generateTotpSecret } from '../security/totp.ts';

export const recoveryCodeCount = 8;

/** A new secret replaces any unconfirmed one, so a code from an abandoned QR never confirms. */
export function startSetup(ctx: AppContext, user: UserRow): void {
  startTotpSetup(ctx.db, user.id, ctx.box.seal(generateTotpSecret(), totpSecretAad(user.id)));
}

/** Replaces the user's whole batch: old codes stop working at once. Returns the plaintext, to be shown once. */
export function issueRecoveryCodes(ctx: AppContext, userId: number): string[] {
  const codes = Array.from({ length: recoveryCodeCount }, generateRecoveryCode);
  replaceRecoveryCodes(ctx.db, userId, codes.map((c) => ctx.hashRecoveryCode(normaliseRecoveryCode(c) as string)), randomUUID(), ctx.config.now());
  return codes;
}

// A new batch of recovery codes on request: the old ones stop working, the user is told.
import type { AppContext } from '../context.ts';
import { isTwoFactorEnabled, type UserRow } from '../db/users.ts';
import { recordSecurityEvent } from '../db/security-event.ts';
import { issueRecoveryCodes } from './two-factor-setup.ts';

export type RegenerateResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'not_enabled' };

export function regenerateRecoveryCodes(ctx: AppContext, user: UserRow): RegenerateResult {
  if (!isTwoFactorEnabled(user)) return { ok: false, reason: 'not_enabled' };
  const recoveryCodes = issueRecoveryCodes(ctx, user.id);
  recordSecurityEvent(ctx, user, { action: 'recovery_codes.regenerated', notice: 'New recovery codes were generated; the old ones no longer work.' });
  return { ok: true, recoveryCodes };
}

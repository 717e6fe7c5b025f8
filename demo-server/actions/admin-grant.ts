// The operator's grant or revoke of administrator rights, by e-mail address; a revoke beats ADMIN_EMAILS.
import type { AppContext } from '../context.ts';
import { findUserByEmail, setAdminGrant, type AdminGrant, type UserRow } from '../db/users.ts';
import { normaliseEmail } from '../form.ts';
import { recordSecurityEvent } from '../db/security-event.ts';

export type AdminGrantResult =
  | { ok: true; user: UserRow; grant: AdminGrant; changed: boolean }
  | { ok: false; reason: 'invalid_email' | 'unknown_email' };

const notices: Record<AdminGrant, string> = {
  granted: 'An operator made your account an administrator.',
  revoked: 'An operator removed administrator rights from your account.',
};

/** Sets the grant (idempotent) and records it; the next request of any live session of the user sees it. */
export function setAdminGrantByEmail(ctx: Pick<AppContext, 'config' | 'db'>, rawEmail: string, grant: AdminGrant): AdminGrantResult {
  const email = normaliseEmail(rawEmail);
  if (!email) return { ok: false, reason: 'invalid_email' };
  const user = findUserByEmail(ctx.db, email);
  if (!user) return { ok: false, reason: 'unknown_email' };
  const changed = user.admin_grant !== grant;
  if (changed) {
    setAdminGrant(ctx.db, user.id, grant);
    // actorId null: the operator acts outside the app, as no user.
    recordSecurityEvent(ctx, user, { action: grant === 'granted' ? 'admin.granted' : 'admin.revoked', actorId: null, detail: 'by the operator (npm run admin)', notice: notices[grant] });
  }
  return { ok: true, user: { ...user, admin_grant: grant }, grant, changed };
}

// Personal access tokens: create one (its plaintext is returned once, only its hash is kept) and revoke one.
import type { AppContext } from '../context.ts';
import { insertApiToken, revokePersonalToken } from '../db/api-tokens.ts';
import type { UserRow } from '../db/users.ts';
import { createPrefixedToken, hashToken } from '../security/tokens.ts';
import { recordSecurityEvent } from '../db/security-event.ts';

export type CreateTokenResult = { ok: true; token: string } | { ok: false; reason: 'invalid_name' };

/** `name` as typed (at most 60 characters); blank names are refused. */
export function createPersonalToken(ctx: AppContext, user: UserRow, rawName: string | null): CreateTokenResult {
  const name = rawName?.trim();
  if (!name) return { ok: false, reason: 'invalid_name' };
  const token = createPrefixedToken('kfp');
  insertApiToken(ctx.db, { userId: user.id, kind: 'personal', name, hash: hashToken(token), epoch: null, now: ctx.config.now(), expiresAt: null });
  recordSecurityEvent(ctx, user, { action: 'api_token.created', detail: `name: ${name}`, notice: `A personal access token named "${name}" was created.` });
  return { ok: true, token };
}

export type RevokeTokenResult = { ok: true } | { ok: false; reason: 'not_found' };

/** Only the user's own live personal tokens; `id` null (not a number) is simply not found. */
export function revokePersonalTokenOf(ctx: AppContext, user: UserRow, id: number | null): RevokeTokenResult {
  if (id === null || !revokePersonalToken(ctx.db, user.id, id, ctx.config.now())) return { ok: false, reason: 'not_found' };
  recordSecurityEvent(ctx, user, { action: 'api_token.revoked' });
  return { ok: true };
}

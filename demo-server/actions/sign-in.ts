// The password step of signing in, for the web form and the JSON API, and the API's sign-in tokens.
import type { AppContext } from '../context.ts';
import { insertApiChallenge, insertApiToken } from '../db/api-tokens.ts';
import { findUserByEmail, isTwoFactorEnabled, recordSignIn, type UserRow } from '../db/users.ts';
import { createPrefixedToken, hashToken, randomToken } from '../security/tokens.ts';
import { checkPassword } from './check-password.ts';

export const apiChallengeMs = 5 * 60 * 1000;
export const apiChallengeAttempts = 5;
const signInTokenMs = 24 * 60 * 60 * 1000;

type PasswordStepRefusal = { ok: false; reason: 'wrong' } | { ok: false; reason: 'wait'; retryAfterSec: number };

export type WebSignInResult =
  | PasswordStepRefusal
  /** Signed in: the web layer starts the session. */
  | { ok: true; user: UserRow; next: 'signed_in' }
  /** The password was right; the second factor is still owed (the web layer keeps a pending sign-in). */
  | { ok: true; user: UserRow; next: 'second_factor' };

/**
 * `email` is normalised. `rememberedDeviceOf` gives the token hash of this browser's live remember-device cookie for
 * the account (or null): it skips the code step and has a password back-off of its own.
 */
export async function signInWithPassword(ctx: AppContext, email: string, password: string,
  rememberedDeviceOf: (user: UserRow) => string | null): Promise<WebSignInResult> {
  const user = findUserByEmail(ctx.db, email);
  const device = user ? rememberedDeviceOf(user) : null;
  // Unknown e-mails go through the same back-off and pay for a hash too, so neither tells which accounts exist.
  const check = await checkPassword(ctx, { kind: 'sign-in', email, rememberedDevice: device }, password, user?.password_hash ?? null);
  if (!check.ok && check.reason === 'wait') return check;
  if (!user || !check.ok) return { ok: false, reason: 'wrong' };
  if (isTwoFactorEnabled(user) && device === null) return { ok: true, user, next: 'second_factor' };
  recordSignIn(ctx.db, user.id, isTwoFactorEnabled(user) ? 'remembered_device' : 'password', ctx.config.now());
  return { ok: true, user, next: 'signed_in' };
}

export interface SignInToken { token: string; expiresAt: number }

/** A Bearer token bound to the account's auth epoch: every kill switch ends it. */
export function issueSignInToken(ctx: AppContext, user: UserRow): SignInToken {
  const token = createPrefixedToken('kfs');
  const now = ctx.config.now();
  insertApiToken(ctx.db, { userId: user.id, kind: 'sign-in', name: 'API sign-in', hash: hashToken(token), epoch: user.auth_epoch, now, expiresAt: now + signInTokenMs });
  return { token, expiresAt: now + signInTokenMs };
}

export type ApiSignInResult =
  | PasswordStepRefusal
  | { ok: true; next: 'signed_in'; issued: SignInToken }
  /** A single-use challenge for /verify-2fa-code; only its hash is stored. */
  | { ok: true; next: 'second_factor'; challenge: string };

/** The API has no remembered devices: its sign-in shares the account's back-off with the web form. */
export async function signInToApi(ctx: AppContext, email: string, password: string): Promise<ApiSignInResult> {
  const user = findUserByEmail(ctx.db, email);
  const check = await checkPassword(ctx, { kind: 'sign-in', email, rememberedDevice: null }, password, user?.password_hash ?? null);
  if (!check.ok && check.reason === 'wait') return check;
  if (!user || !check.ok) return { ok: false, reason: 'wrong' };
  if (!isTwoFactorEnabled(user)) {
    recordSignIn(ctx.db, user.id, 'api', ctx.config.now());
    return { ok: true, next: 'signed_in', issued: issueSignInToken(ctx, user) };
  }
  const challenge = randomToken(32);
  insertApiChallenge(ctx.db, { userId: user.id, hash: hashToken(challenge), now: ctx.config.now(), ttlMs: apiChallengeMs });
  return { ok: true, next: 'second_factor', challenge };
}

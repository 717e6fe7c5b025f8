// The second step of signing in, web challenge and API verify alike: both go through verifySecondFactor (lock, replay,
// recovery codes) and record the sign-in; only how the pending sign-in is held differs (session vs challenge token).
import type { AppContext } from '../context.ts';
import { countApiChallengeAttempt, findApiChallenge, useApiChallenge } from '../db/api-tokens.ts';
import { lockStateOf } from '../db/second-factor.ts';
import { findUserById, recordSignIn, type UserRow } from '../db/users.ts';
import { checkLock, type LockCheck } from '../security/lockout.ts';
import { verifySecondFactor, type SecondFactorInput } from '../security/second-factor.ts';
import { hashToken } from '../security/tokens.ts';
import { apiChallengeAttempts, issueSignInToken, type SignInToken } from './sign-in.ts';

export const pendingSignInMs = 10 * 60 * 1000;

export interface PendingSignIn { userId: number; at: number; authEpoch: number }

interface SecondFactorPassed { method: 'totp' | 'recovery_code'; replacementCode: string | null; remaining: number }

type SecondFactorRefusal = { ok: false; reason: 'invalid' | 'replayed' } | { ok: false; reason: 'locked'; retryAfterSec: number | null };

export type ChallengeResult = ({ ok: true; user: UserRow } & SecondFactorPassed) | SecondFactorRefusal
  /** The pending sign-in is too old, or the account's epoch moved since: it must be dropped. */
  | { ok: false; reason: 'expired' };

/** The lock of the account a pending sign-in is for, so the challenge page can say up front what still works. */
export function lockOfPendingSignIn(ctx: AppContext, pending: PendingSignIn): LockCheck {
  const user = findUserById(ctx.db, pending.userId);
  return user ? checkLock(lockStateOf(user), ctx.config.now()) : { locked: false };
}

export async function passSignInChallenge(ctx: AppContext, pending: PendingSignIn, input: SecondFactorInput): Promise<ChallengeResult> {
  const user = findUserById(ctx.db, pending.userId);
  if (!user || ctx.config.now() - pending.at > pendingSignInMs || user.auth_epoch !== pending.authEpoch) return { ok: false, reason: 'expired' };
  const result = await verifySecondFactor(ctx, user, input);
  if (!result.ok) return result;
  recordSignIn(ctx.db, user.id, result.method, ctx.config.now());
  return { ...result, user };
}

export type ApiChallengeResult = ({ ok: true; issued: SignInToken } & SecondFactorPassed)
  /** Unknown, used, expired or over-tried challenge, or a wrong or replayed code: all look the same. */
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSec: number | null };

export async function passApiChallenge(ctx: AppContext, challenge: string, input: SecondFactorInput): Promise<ApiChallengeResult> {
  const row = findApiChallenge(ctx.db, hashToken(challenge));
  const now = ctx.config.now();
  if (!row || row.used_at !== null || row.expires_at <= now || !countApiChallengeAttempt(ctx.db, row.id, apiChallengeAttempts)) return { ok: false, reason: 'invalid' };
  const result = await verifySecondFactor(ctx, row.user_id, input);
  if (!result.ok) return result.reason === 'locked' ? result : { ok: false, reason: 'invalid' };
  const user = findUserById(ctx.db, row.user_id);
  if (!user || !useApiChallenge(ctx.db, row.id, now)) return { ok: false, reason: 'invalid' };
  recordSignIn(ctx.db, user.id, result.method === 'totp' ? 'api_totp' : 'api_recovery_code', now);
  return { ok: true, method: result.method, replacementCode: result.replacementCode, remaining: result.remaining, issued: issueSignInToken(ctx, user) };
}

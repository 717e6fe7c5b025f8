// The web side of a sign-in: the session (fresh id, epoch, or a pending second factor) and the remember-device cookie.
import type { Request, Response } from 'express';
import type { AppContext } from '../context.ts';
import { findRememberedDevice, rememberDevice } from '../db/second-factor.ts';
import type { UserRow } from '../db/users.ts';
import { hashToken, randomToken } from '../security/tokens.ts';
import { regenerateSession } from '../session.ts';
import { cookieOf } from './cookies.ts';

export const rememberDeviceMs = 30 * 24 * 60 * 60 * 1000;

export function rememberCookieName(ctx: AppContext): string {
  return ctx.config.secureCookies ? '__Host-kf_remember' : 'kf_remember';
}

function cookieOptions(ctx: AppContext) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.secureCookies, path: '/' };
}

/** The sign-in itself was recorded by its action; a fresh session id stops fixation. */
export async function startSignedInSession(req: Request, user: UserRow): Promise<void> {
  await regenerateSession(req);
  req.session.userId = user.id;
  req.session.authEpoch = user.auth_epoch;
}

/** Password right, code still owed: only the challenge can use this session. */
export async function startPendingSignIn(ctx: AppContext, req: Request, user: UserRow): Promise<void> {
  await regenerateSession(req);
  req.session.pending = { userId: user.id, at: ctx.config.now(), authEpoch: user.auth_epoch };
}

/** The token hash of this user's live remember-device cookie, or null: it skips the code step and has its own password back-off. */
export function rememberedDeviceOf(ctx: AppContext, req: Request, res: Response, user: UserRow): string | null {
  return isRememberedDevice(ctx, req, res, user) ? hashToken(cookieOf(req, res, rememberCookieName(ctx)) ?? '') : null;
}

export function issueRememberDevice(ctx: AppContext, res: Response, user: UserRow): void {
  const token = randomToken(32);
  const now = ctx.config.now();
  rememberDevice(ctx.db, { userId: user.id, tokenHash: hashToken(token), epoch: user.auth_epoch, now, ttlMs: rememberDeviceMs });
  res.cookie(rememberCookieName(ctx), token, { ...cookieOptions(ctx), maxAge: rememberDeviceMs });
}

/** True when this browser holds a live remember-device token for exactly this user; a bad token is cleared. */
export function isRememberedDevice(ctx: AppContext, req: Request, res: Response, user: UserRow): boolean {
  const token = cookieOf(req, res, rememberCookieName(ctx));
  if (token === undefined || token === '') return false;
  const row = token.length <= 64 ? findRememberedDevice(ctx.db, hashToken(token)) : undefined;
  const valid = row !== undefined && row.user_id === user.id && row.auth_epoch === user.auth_epoch && row.expires_at > ctx.config.now();
  // Another user's token on a shared browser stays for its owner; only unknown, stale or tampered ones go.
  if (!valid && (row === undefined || row.user_id === user.id)) res.clearCookie(rememberCookieName(ctx), cookieOptions(ctx));
  return valid;
}

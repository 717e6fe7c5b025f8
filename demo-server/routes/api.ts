// JSON API v1: password sign-in with a single-use two-factor challenge, and Bearer tokens (sign-in or personal).
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { checkPassword, passwordWaitText } from '../actions/check-password.ts';
import {
  countApiChallengeAttempt, findApiChallenge, findApiTokenByHash, insertApiChallenge, insertApiToken, touchApiToken, useApiChallenge,
} from '../db/api-tokens.ts';
import { findUserByEmail, findUserById, isTwoFactorEnabled, recordSignIn, type UserRow } from '../db/users.ts';
import { verifySecondFactor } from '../security/second-factor.ts';
import { createPrefixedToken, hasValidChecksum, hashToken, randomToken } from '../security/tokens.ts';
import { normaliseEmail } from '../web/form.ts';

export const apiChallengeMs = 5 * 60 * 1000;
export const apiChallengeAttempts = 5;
const signInTokenMs = 24 * 60 * 60 * 1000;

declare module 'express-serve-static-core' {
  interface Locals { apiUser?: UserRow }
}

function problem(res: Response, status: number, error: string, message: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error, message });
}

function jsonBody(req: Request): Record<string, unknown> | null {
  const b: unknown = req.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : null;
}

function str(body: Record<string, unknown>, name: string, max: number): string | null {
  const v = body[name];
  return typeof v === 'string' && v.length <= max ? v : null;
}

function issueSignInToken(ctx: AppContext, res: Response, user: UserRow, extra: Record<string, unknown> = {}): void {
  const token = createPrefixedToken('kfs');
  const now = ctx.config.now();
  insertApiToken(ctx.db, { userId: user.id, kind: 'sign-in', name: 'API sign-in', hash: hashToken(token), epoch: user.auth_epoch, now, expiresAt: now + signInTokenMs });
  res.set('Cache-Control', 'no-store').json({ token, tokenType: 'Bearer', expiresAt: new Date(now + signInTokenMs).toISOString(), ...extra });
}

function requireBearer(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(req.get('authorization') ?? '');
    const token = m?.[1];
    // Malformed or wrong-checksum tokens are refused before any lookup; all refusals look the same.
    const row = token && hasValidChecksum(token) ? findApiTokenByHash(ctx.db, hashToken(token)) : undefined;
    const now = ctx.config.now();
    const user = row ? findUserById(ctx.db, row.user_id) : undefined;
    const live = row && user && row.revoked_at === null && (row.expires_at === null || row.expires_at > now)
      && (row.kind === 'personal' || row.auth_epoch === user.auth_epoch);
    if (!live || !row || !user) {
      res.set('WWW-Authenticate', 'Bearer');
      return problem(res, 401, 'unauthorized', 'A valid Bearer token is required.');
    }
    touchApiToken(ctx.db, row.id, now);
    res.locals.apiUser = user;
    next();
  };
}

export function createApiRouter(ctx: AppContext, limiter: RequestHandler): Router {
  const r = Router();
  r.use(express.json({ limit: '16kb' }));
  r.use((req, res, next) => {
    if (req.method === 'POST' && !req.is('application/json')) return problem(res, 415, 'unsupported_media_type', 'Send application/json.');
    next();
  });

  r.post('/sign-in', limiter, async (req, res) => {
    const body = jsonBody(req);
    const email = body ? normaliseEmail(str(body, 'email', 254)) : null;
    const password = body ? str(body, 'password', 1024) : null;
    if (!email || !password) return problem(res, 400, 'invalid_request', 'Send {"email": string, "password": string}.');
    const user = findUserByEmail(ctx.db, email);
    // The API has no remembered devices: its sign-in shares the account's back-off with the web form.
    const check = await checkPassword(ctx, { kind: 'sign-in', email, rememberedDevice: null }, password, user?.password_hash ?? null);
    if (!check.ok && check.reason === 'wait') {
      res.set('Retry-After', String(check.retryAfterSec));
      return problem(res, 429, 'password_backoff', passwordWaitText(check.retryAfterSec, { rememberedDevices: false }));
    }
    if (!user || !check.ok) return problem(res, 401, 'invalid_credentials', 'These credentials do not match our records.');
    if (!isTwoFactorEnabled(user)) {
      recordSignIn(ctx.db, user.id, 'api', ctx.config.now());
      return issueSignInToken(ctx, res, user);
    }
    const challenge = randomToken(32);
    insertApiChallenge(ctx.db, { userId: user.id, hash: hashToken(challenge), now: ctx.config.now(), ttlMs: apiChallengeMs });
    res.set('Cache-Control', 'no-store').json({ twoFactorRequired: true, challenge });
  });

  r.post('/verify-2fa-code', limiter, async (req, res) => {
    const body = jsonBody(req);
    const challenge = body ? str(body, 'challenge', 100) : null;
    const invalid = () => problem(res, 401, 'invalid_code', 'The code or the challenge is not valid.');
    if (!body || !challenge) return problem(res, 400, 'invalid_request', 'Send {"challenge": string, "code": string} or {"challenge", "recovery_code"}.');
    const row = findApiChallenge(ctx.db, hashToken(challenge));
    const now = ctx.config.now();
    if (!row || row.used_at !== null || row.expires_at <= now || !countApiChallengeAttempt(ctx.db, row.id, apiChallengeAttempts)) return invalid();
    const recovery = Object.hasOwn(body, 'recovery_code');
    const result = await verifySecondFactor(ctx, row.user_id, recovery ? { kind: 'recovery', code: body.recovery_code } : { kind: 'totp', code: body.code });
    if (!result.ok) {
      if (result.reason === 'locked') {
        if (result.retryAfterSec !== null) res.set('Retry-After', String(result.retryAfterSec));
        return problem(res, 429, 'locked', 'Too many failed codes for this account. A recovery code still works: send {"challenge", "recovery_code"}.');
      }
      return invalid();
    }
    const user = findUserById(ctx.db, row.user_id);
    if (!user || !useApiChallenge(ctx.db, row.id, now)) return invalid();
    recordSignIn(ctx.db, user.id, result.method === 'totp' ? 'api_totp' : 'api_recovery_code', now);
    // A used recovery code's replacement can be shown only now: it is stored hashed.
    issueSignInToken(ctx, res, user, result.method === 'recovery_code'
      ? { recoveryCodesRemaining: result.remaining, ...(result.replacementCode ? { replacementRecoveryCode: result.replacementCode } : {}) } : {});
  });

  r.get('/me', requireBearer(ctx), (_req, res) => {
    const u = res.locals.apiUser as UserRow;
    res.set('Cache-Control', 'no-store').json({
      id: u.id, name: u.name, email: u.email, twoFactorEnabled: isTwoFactorEnabled(u), createdAt: new Date(u.created_at).toISOString(),
    });
  });

  r.use(requireBearer(ctx), (_req: Request, res: Response) => problem(res, 404, 'not_found', 'No such API endpoint.'));
  r.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    problem(res, status, status === 413 ? 'too_large' : status === 500 ? 'server_error' : 'invalid_request',
      status === 413 ? 'The request body is too large.' : status === 500 ? 'Something went wrong.' : 'The request could not be read.');
  });
  return r;
}

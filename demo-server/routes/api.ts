// JSON API v1: password sign-in with a single-use two-factor challenge, and Bearer tokens (sign-in or personal).
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { passApiChallenge } from '../actions/second-factor-sign-in.ts';
import { signInToApi, type SignInToken } from '../actions/sign-in.ts';
import { findApiTokenByHash, touchApiToken } from '../db/api-tokens.ts';
import { findUserById, isTwoFactorEnabled, type UserRow } from '../db/users.ts';
import { hasValidChecksum, hashToken } from '../security/tokens.ts';
import { bodyHas, normaliseEmail, readString } from '../form.ts';
import { passwordWaitText } from '../web/password-refusal.ts';

declare module 'express-serve-static-core' {
  interface Locals { apiUser?: UserRow }
}

function problem(res: Response, status: number, error: string, message: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error, message });
}

function sendSignInToken(res: Response, issued: SignInToken, extra: Record<string, unknown> = {}): void {
  res.set('Cache-Control', 'no-store').json({ token: issued.token, tokenType: 'Bearer', expiresAt: new Date(issued.expiresAt).toISOString(), ...extra });
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
    const email = normaliseEmail(readString(req.body, 'email', 254));
    const password = readString(req.body, 'password', 1024);
    if (!email || !password) return problem(res, 400, 'invalid_request', 'Send {"email": string, "password": string}.');
    const result = await signInToApi(ctx, email, password);
    if (!result.ok) {
      if (result.reason === 'wrong') return problem(res, 401, 'invalid_credentials', 'These credentials do not match our records.');
      res.set('Retry-After', String(result.retryAfterSec));
      return problem(res, 429, 'password_backoff', passwordWaitText(result.retryAfterSec, { rememberedDevices: false }));
    }
    if (result.next === 'signed_in') return sendSignInToken(res, result.issued);
    res.set('Cache-Control', 'no-store').json({ twoFactorRequired: true, challenge: result.challenge });
  });

  r.post('/verify-2fa-code', limiter, async (req, res) => {
    const challenge = readString(req.body, 'challenge', 100);
    if (!challenge) return problem(res, 400, 'invalid_request', 'Send {"challenge": string, "code": string} or {"challenge", "recovery_code"}.');
    const result = await passApiChallenge(ctx, challenge, bodyHas(req.body, 'recovery_code')
      ? { kind: 'recovery', code: readString(req.body, 'recovery_code', 100) }
      : { kind: 'totp', code: readString(req.body, 'code', 100) });
    if (!result.ok) {
      if (result.reason === 'invalid') return problem(res, 401, 'invalid_code', 'The code or the challenge is not valid.');
      if (result.retryAfterSec !== null) res.set('Retry-After', String(result.retryAfterSec));
      return problem(res, 429, 'locked', 'Too many failed codes for this account. A recovery code still works: send {"challenge", "recovery_code"}.');
    }
    // A used recovery code's replacement can be shown only now: it is stored hashed.
    sendSignInToken(res, result.issued, result.method === 'recovery_code'
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

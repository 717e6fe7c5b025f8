// Register, sign in (password, then the two-factor challenge), sign out.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { findUserByEmail, findUserById, isTwoFactorEnabled, type UserRow } from '../db/users.ts';
import { checkPassword, passwordWaitText } from '../actions/check-password.ts';
import { registerUser } from '../actions/register.ts';
import { lockStateOf } from '../db/second-factor.ts';
import { checkLock } from '../security/lockout.ts';
import { verifySecondFactor } from '../security/second-factor.ts';
import { csrfTokenFor } from '../security/csrf.ts';
import { destroySession, regenerateSession } from '../session.ts';
import { field, has, normaliseEmail } from '../web/form.ts';
import { completeSignIn, isRememberedDevice, issueRememberDevice, rememberCookieName } from '../web/sign-in.ts';
import { hashToken } from '../security/tokens.ts';
import { ChallengePage, LoginPage, RegisterPage } from '../views/auth-pages.tsx';
import { RegistrationSentPage } from '../views/email-verification-pages.tsx';
import { sendPage } from '../views/render.ts';
import { stashShowOnce } from '../web/show-once.ts';

export const pendingSignInMs = 10 * 60 * 1000;
const badCredentials = 'These credentials do not match our records.';
const badCode = 'That code is not valid. Check your authenticator app and try again.';
const usedCode = 'That code was already used. Wait for the next one.';

/** `recoveryCodeWorks`: on the sign-in challenge a recovery code gets through the lock (see codeKindPassesLock). */
export function lockedText(retryAfterSec: number | null, recoveryCodeWorks = false): string {
  if (recoveryCodeWorks) {
    return retryAfterSec === null
      ? 'Too many failed codes: authentication codes are locked. You can still sign in with one of your recovery codes, which lifts the lock; without one, contact an administrator.'
      : `Too many failed codes. Try again in ${Math.ceil(retryAfterSec / 60)} minutes, or sign in now with one of your recovery codes.`;
  }
  return retryAfterSec === null
    ? 'Too many failed codes: two-factor sign-in is locked. Contact an administrator.'
    : `Too many failed codes. Try again in ${Math.ceil(retryAfterSec / 60)} minutes.`;
}

export function createAuthRouter(ctx: AppContext, limiter: RequestHandler): Router {
  const r = Router();
  const appName = ctx.config.appName;

  /** The token hash of this user's live remember-device cookie: it skips the code step and has its own password back-off. */
  const rememberedDeviceOf = (req: Request, res: Response, user: UserRow): string | null =>
    isRememberedDevice(ctx, req, res, user) ? hashToken(String(req.cookies?.[rememberCookieName(ctx)])) : null;

  r.get('/register', (req, res) => {
    if (res.locals.user) return res.redirect(303, '/settings');
    sendPage(res, 200, RegisterPage({ appName, csrf: csrfTokenFor(req) }));
  });

  r.post('/register', limiter, async (req, res) => {
    const name = field(req, 'name', 100)?.trim() ?? '';
    const rawEmail = field(req, 'email', 254);
    const result = await registerUser(ctx, { name, rawEmail, password: field(req, 'password', 1024), confirmation: field(req, 'password_confirmation', 1024) });
    if (!result.ok) {
      return sendPage(res, 422, RegisterPage({ appName, csrf: csrfTokenFor(req), error: result.problem, name, email: rawEmail?.slice(0, 254) ?? '' }));
    }
    // The same page for a new and a taken address, and no sign-in: the mail tells the owner which it was.
    sendPage(res, 200, RegistrationSentPage({ appName, email: result.email }));
  });

  r.get('/login', (req, res) => {
    if (res.locals.user) return res.redirect(303, '/settings');
    sendPage(res, 200, LoginPage({ appName, csrf: csrfTokenFor(req) }));
  });

  r.post('/login', limiter, async (req, res) => {
    const rawEmail = field(req, 'email', 254);
    const email = normaliseEmail(rawEmail);
    const password = field(req, 'password', 1024);
    if (!email || password === null || password === '') {
      return sendPage(res, 422, LoginPage({ appName, csrf: csrfTokenFor(req), email: rawEmail ?? '', error: 'Enter your e-mail address and password.' }));
    }
    const user = findUserByEmail(ctx.db, email);
    const device = user ? rememberedDeviceOf(req, res, user) : null;
    // Unknown e-mails go through the same back-off and pay for a hash too, so neither tells which accounts exist.
    const check = await checkPassword(ctx, { kind: 'sign-in', email, rememberedDevice: device }, password, user?.password_hash ?? null);
    if (!check.ok && check.reason === 'wait') {
      res.set('Retry-After', String(check.retryAfterSec));
      return sendPage(res, 429, LoginPage({ appName, csrf: csrfTokenFor(req), email, error: passwordWaitText(check.retryAfterSec, { rememberedDevices: true }) }));
    }
    if (!user || !check.ok) {
      return sendPage(res, 401, LoginPage({ appName, csrf: csrfTokenFor(req), email, error: badCredentials }));
    }
    if (!isTwoFactorEnabled(user)) {
      await completeSignIn(ctx, req, user, 'password');
      return res.redirect(303, '/settings');
    }
    if (device !== null) {
      await completeSignIn(ctx, req, user, 'remembered_device');
      return res.redirect(303, '/settings');
    }
    await regenerateSession(req);
    req.session.pending = { userId: user.id, at: ctx.config.now(), authEpoch: user.auth_epoch };
    res.redirect(303, '/two-factor-challenge');
  });

  r.get('/two-factor-challenge', (req, res) => {
    if (res.locals.user) return res.redirect(303, '/settings');
    const pending = req.session.pending;
    if (!pending) return res.redirect(303, '/login');
    // A locked user is told up front that a recovery code still works, and is shown its field.
    const user = findUserById(ctx.db, pending.userId);
    const lock = user ? checkLock(lockStateOf(user), ctx.config.now()) : { locked: false as const };
    sendPage(res, 200, ChallengePage({ appName, csrf: csrfTokenFor(req), recovery: lock.locked || req.query.recovery === '1',
      error: lock.locked ? lockedText(lock.retryAfterSec, true) : null }));
  });

  r.post('/two-factor-challenge', limiter, async (req, res) => {
    const pending = req.session.pending;
    if (!pending) return res.redirect(303, '/login');
    const recovery = has(req, 'recovery_code');
    const again = (status: number, error: string) =>
      sendPage(res, status, ChallengePage({ appName, csrf: csrfTokenFor(req), recovery, error }));
    const now = ctx.config.now();
    const user = findUserById(ctx.db, pending.userId);
    if (!user || now - pending.at > pendingSignInMs || user.auth_epoch !== pending.authEpoch) {
      // Same words and status as a wrong code: an expired challenge is no oracle.
      delete req.session.pending;
      return again(422, badCode);
    }
    const result = await verifySecondFactor(ctx, user.id, recovery
      ? { kind: 'recovery', code: (req.body as Record<string, unknown>).recovery_code }
      : { kind: 'totp', code: (req.body as Record<string, unknown> | undefined)?.code });
    if (!result.ok) {
      if (result.reason === 'locked') {
        if (result.retryAfterSec !== null) res.set('Retry-After', String(result.retryAfterSec));
        return sendPage(res, 429, ChallengePage({ appName, csrf: csrfTokenFor(req), recovery: true, error: lockedText(result.retryAfterSec, true) }));
      }
      return again(422, result.reason === 'replayed' ? usedCode : badCode);
    }
    await completeSignIn(ctx, req, user, result.method);
    if (result.replacementCode) stashShowOnce(ctx, req, user.id, 'replacementRecoveryCode', { code: result.replacementCode, remaining: result.remaining });
    else if (result.method === 'recovery_code') req.session.flash = `You signed in with a recovery code. ${result.remaining} of 8 remain.`;
    if (field(req, 'remember_device', 8) !== null) issueRememberDevice(ctx, res, user);
    res.redirect(303, '/settings');
  });

  r.post('/logout', async (req, res) => {
    await destroySession(req);
    res.redirect(303, '/login');
  });

  return r;
}

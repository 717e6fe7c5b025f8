// Register, sign in (password, then the two-factor challenge), sign out.
import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { registerUser } from '../actions/register.ts';
import { lockOfPendingSignIn, passSignInChallenge } from '../actions/second-factor-sign-in.ts';
import { signInWithPassword } from '../actions/sign-in.ts';
import { csrfTokenFor } from '../web/csrf.ts';
import { destroySession } from '../session.ts';
import { field, has, normaliseEmail } from '../form.ts';
import { passwordWaitText } from '../web/password-refusal.ts';
import { badSignInCode, lockedText, usedCode } from '../web/second-factor-text.ts';
import { issueRememberDevice, rememberedDeviceOf, startPendingSignIn, startSignedInSession } from '../web/sign-in.ts';
import { ChallengePage, LoginPage, RegisterPage } from '../views/auth-pages.tsx';
import { RegistrationSentPage } from '../views/email-verification-pages.tsx';
import { sendPage } from '../views/render.ts';
import { stashShowOnce } from '../web/show-once.ts';

const badCredentials = 'These credentials do not match our records.';

export function createAuthRouter(ctx: AppContext, limiter: RequestHandler): Router {
  const r = Router();
  const appName = ctx.config.appName;

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
    const result = await signInWithPassword(ctx, email, password, (user) => rememberedDeviceOf(ctx, req, res, user));
    if (!result.ok) {
      if (result.reason === 'wrong') return sendPage(res, 401, LoginPage({ appName, csrf: csrfTokenFor(req), email, error: badCredentials }));
      res.set('Retry-After', String(result.retryAfterSec));
      return sendPage(res, 429, LoginPage({ appName, csrf: csrfTokenFor(req), email, error: passwordWaitText(result.retryAfterSec, { rememberedDevices: true }) }));
    }
    if (result.next === 'second_factor') {
      await startPendingSignIn(ctx, req, result.user);
      return res.redirect(303, '/two-factor-challenge');
    }
    await startSignedInSession(req, result.user);
    res.redirect(303, '/settings');
  });

  r.get('/two-factor-challenge', (req, res) => {
    if (res.locals.user) return res.redirect(303, '/settings');
    const pending = req.session.pending;
    if (!pending) return res.redirect(303, '/login');
    // A locked user is told up front that a recovery code still works, and is shown its field.
    const lock = lockOfPendingSignIn(ctx, pending);
    sendPage(res, 200, ChallengePage({ appName, csrf: csrfTokenFor(req), recovery: lock.locked || req.query.recovery === '1',
      error: lock.locked ? lockedText(lock.retryAfterSec, true) : null }));
  });

  r.post('/two-factor-challenge', limiter, async (req, res) => {
    const pending = req.session.pending;
    if (!pending) return res.redirect(303, '/login');
    const recovery = has(req, 'recovery_code');
    const again = (status: number, error: string) =>
      sendPage(res, status, ChallengePage({ appName, csrf: csrfTokenFor(req), recovery, error }));
    const result = await passSignInChallenge(ctx, pending, recovery
      ? { kind: 'recovery', code: field(req, 'recovery_code', 100) }
      : { kind: 'totp', code: field(req, 'code', 100) });
    if (!result.ok) {
      switch (result.reason) {
        // Same words and status as a wrong code: an expired challenge is no oracle.
        case 'expired': delete req.session.pending; return again(422, badSignInCode);
        case 'locked':
          if (result.retryAfterSec !== null) res.set('Retry-After', String(result.retryAfterSec));
          return sendPage(res, 429, ChallengePage({ appName, csrf: csrfTokenFor(req), recovery: true, error: lockedText(result.retryAfterSec, true) }));
        default: return again(422, result.reason === 'replayed' ? usedCode : badSignInCode);
      }
    }
    const user = result.user;
    await startSignedInSession(req, user);
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

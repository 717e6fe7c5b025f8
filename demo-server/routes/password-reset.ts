// Forgotten password: a single-use link by "mail" (the outbox); resetting ends every session and never signs in past 2FA.
import { Router, type RequestHandler } from 'express';
import { mailDirOf } from '../config.ts';
import type { AppContext } from '../context.ts';
import { sendMail } from '../db/audit.ts';
import { forgetPasswordFailures } from '../actions/check-password.ts';
import { endAllSessions, endedSessionsText } from '../actions/end-all-sessions.ts';
import { findLivePasswordReset, insertPasswordReset, usePasswordReset } from '../db/password-resets.ts';
import { findUserByEmail, findUserById, updatePasswordHash } from '../db/users.ts';
import { csrfTokenFor } from '../security/csrf.ts';
import { checkPasswordStrength, hashPassword, passwordProblemText } from '../security/passwords.ts';
import { hashToken, randomToken } from '../security/tokens.ts';
import { field, normaliseEmail } from '../web/form.ts';
import { publicLink } from '../web/public-url.ts';
import { verifyEmailByPasswordReset } from '../actions/verify-email.ts';
import { ForgotPasswordPage, ResetPasswordPage } from '../views/password-reset-pages.tsx';
import { LoginPage } from '../views/auth-pages.tsx';
import { sendPage } from '../views/render.ts';

export const passwordResetMs = 30 * 60 * 1000;
const sent = 'If an account exists for that address, a reset link is on its way. It works once, for 30 minutes.';
const deadLink = 'This reset link is invalid or has expired. Ask for a new one.';

export function createPasswordResetRouter(ctx: AppContext, limiter: RequestHandler): Router {
  const r = Router();
  const appName = ctx.config.appName;

  r.get('/forgot-password', (req, res) => sendPage(res, 200, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req) })));

  r.post('/forgot-password', limiter, (req, res) => {
    const email = normaliseEmail(field(req, 'email', 254));
    if (!email) return sendPage(res, 422, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req), error: 'Enter a valid e-mail address.' }));
    const user = findUserByEmail(ctx.db, email);
    if (user) {
      const token = randomToken(32);
      const now = ctx.config.now();
      insertPasswordReset(ctx.db, { userId: user.id, hash: hashToken(token), now, ttlMs: passwordResetMs });
      sendMail(mailDirOf(ctx.config), { to: user.email, kind: 'password_reset_link', now,
        // PUBLIC_URL, never the request's Host: a forged Host would otherwise mail the victim a link to the attacker's site.
        message: `Reset your password: ${publicLink(ctx.publicUrl, `/reset-password?token=${token}`)}` });
    }
    // The same answer either way, so the form does not reveal which addresses have accounts.
    sendPage(res, 200, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req), notice: sent }));
  });

  r.get('/reset-password', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : '';
    const live = token !== '' && findLivePasswordReset(ctx.db, hashToken(token), ctx.config.now()) !== null;
    if (!live) return sendPage(res, 410, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req), error: deadLink }));
    // The token leaves the address bar's referrer path at once: helmet sends Referrer-Policy: no-referrer.
    sendPage(res, 200, ResetPasswordPage({ appName, csrf: csrfTokenFor(req), token }));
  });

  r.post('/reset-password', limiter, async (req, res) => {
    const token = field(req, 'token', 100) ?? '';
    const password = field(req, 'password', 1024);
    const now = ctx.config.now();
    const userId = token ? findLivePasswordReset(ctx.db, hashToken(token), now) : null;
    const user = userId === null ? undefined : findUserById(ctx.db, userId);
    if (!user) return sendPage(res, 410, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req), error: deadLink }));
    const again = (error: string) => sendPage(res, 422, ResetPasswordPage({ appName, csrf: csrfTokenFor(req), token, error }));
    if (password === null) return again('Enter a new password.');
    const problem = checkPasswordStrength(password, user.email);
    if (problem) return again(passwordProblemText[problem]);
    if (password !== field(req, 'password_confirmation', 1024)) return again('The two passwords do not match.');
    const hash = await hashPassword(password, ctx.config.scrypt);
    if (!usePasswordReset(ctx.db, hashToken(token), user.id, ctx.config.now())) {
      return sendPage(res, 410, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req), error: deadLink }));
    }
    updatePasswordHash(ctx.db, user.id, hash);
    verifyEmailByPasswordReset(ctx, user);
    forgetPasswordFailures(ctx, user);
    const ended = endAllSessions(ctx, user, { action: 'password.reset', what: 'Your password was reset.' });
    // Not signed in: the next sign-in goes through the password and, if enabled, the second factor.
    sendPage(res, 200, LoginPage({ appName, csrf: csrfTokenFor(req),
      notice: `Your password has been reset. ${endedSessionsText(ended.personalTokensRevoked, 'all')} Sign in with the new password.` }));
  });

  return r;
}

// Forgotten password: a single-use link by "mail" (the outbox); resetting ends every session and never signs in past 2FA.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { endedSessionsText } from '../actions/end-all-sessions.ts';
import { isLivePasswordReset, requestPasswordReset, resetPassword } from '../actions/password-reset.ts';
import { csrfTokenFor } from '../web/csrf.ts';
import { field, normaliseEmail } from '../form.ts';
import { ForgotPasswordPage, ResetPasswordPage } from '../views/password-reset-pages.tsx';
import { LoginPage } from '../views/auth-pages.tsx';
import { sendPage } from '../views/render.ts';

const sent = 'If an account exists for that address, a reset link is on its way. It works once, for 30 minutes.';
const deadLink = 'This reset link is invalid or has expired. Ask for a new one.';

export function createPasswordResetRouter(ctx: AppContext, limiter: RequestHandler): Router {
  const r = Router();
  const appName = ctx.config.appName;
  const dead = (req: Request, res: Response) => sendPage(res, 410, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req), error: deadLink }));

  r.get('/forgot-password', (req, res) => sendPage(res, 200, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req) })));

  r.post('/forgot-password', limiter, (req, res) => {
    const email = normaliseEmail(field(req, 'email', 254));
    if (!email) return sendPage(res, 422, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req), error: 'Enter a valid e-mail address.' }));
    requestPasswordReset(ctx, email);
    // The same answer either way, so the form does not reveal which addresses have accounts.
    sendPage(res, 200, ForgotPasswordPage({ appName, csrf: csrfTokenFor(req), notice: sent }));
  });

  r.get('/reset-password', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : '';
    if (!isLivePasswordReset(ctx, token)) return dead(req, res);
    // The token leaves the address bar's referrer path at once: helmet sends Referrer-Policy: no-referrer.
    sendPage(res, 200, ResetPasswordPage({ appName, csrf: csrfTokenFor(req), token }));
  });

  r.post('/reset-password', limiter, async (req, res) => {
    const token = field(req, 'token', 100) ?? '';
    const result = await resetPassword(ctx, { token, password: field(req, 'password', 1024), confirmation: field(req, 'password_confirmation', 1024) });
    if (!result.ok) {
      if (result.reason === 'dead_link') return dead(req, res);
      return sendPage(res, 422, ResetPasswordPage({ appName, csrf: csrfTokenFor(req), token, error: result.problem }));
    }
    // Not signed in: the next sign-in goes through the password and, if enabled, the second factor.
    sendPage(res, 200, LoginPage({ appName, csrf: csrfTokenFor(req),
      notice: `Your password has been reset. ${endedSessionsText(result.ended.personalTokensRevoked, 'all')} Sign in with the new password.` }));
  });

  return r;
}

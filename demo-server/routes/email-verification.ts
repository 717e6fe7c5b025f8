// E-mail verification: the mailed link shows a confirm button (link scanners only GET), POST verifies; settings resends.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { findVerificationTarget, sendVerificationLink, verifyEmail } from '../actions/verify-email.ts';
import { csrfTokenFor } from '../web/csrf.ts';
import { field } from '../form.ts';
import { currentUser, requireUser, viewerOf } from '../web/guards.ts';
import { DeadVerificationLinkPage, VerifyEmailPage } from '../views/email-verification-pages.tsx';
import { LoginPage } from '../views/auth-pages.tsx';
import { sendPage } from '../views/render.ts';

const deadLink = 'This verification link is invalid, already used or expired.';

export function createEmailVerificationRouter(ctx: AppContext, limiter: RequestHandler): Router {
  const r = Router();
  const appName = ctx.config.appName;
  const dead = (req: Request, res: Response) =>
    sendPage(res, 410, DeadVerificationLinkPage({ appName, viewer: viewerOf(ctx, res.locals.user), csrf: csrfTokenFor(req), error: deadLink }));

  r.get('/verify-email', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : '';
    const found = findVerificationTarget(ctx, token);
    if (!found.ok) return dead(req, res);
    sendPage(res, 200, VerifyEmailPage({ appName, csrf: csrfTokenFor(req), token, email: found.user.email, name: found.user.name,
      createdAt: found.user.created_at, viewer: viewerOf(ctx, res.locals.user) }));
  });

  r.post('/verify-email', limiter, (req, res) => {
    const result = verifyEmail(ctx, field(req, 'token', 100) ?? '');
    if (!result.ok) return dead(req, res);
    // Verifying never signs anyone in: the link proves the mailbox, not the password or the second factor.
    if (res.locals.user?.id === result.user.id) {
      req.session.flash = 'Your e-mail address is verified.';
      return res.redirect(303, '/settings');
    }
    sendPage(res, 200, LoginPage({ appName, csrf: csrfTokenFor(req), email: result.user.email,
      notice: `${result.user.email} is verified. Sign in to continue.` }));
  });

  r.post('/user/email-verification', limiter, requireUser, (req, res) => {
    const user = currentUser(res);
    if (user.email_verified_at === null) sendVerificationLink(ctx, user);
    req.session.flash = user.email_verified_at === null
      ? `We sent a new verification link to ${user.email}. Earlier links no longer work.`
      : 'Your e-mail address is already verified.';
    res.redirect(303, '/settings');
  });

  return r;
}

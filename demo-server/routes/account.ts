// The settings page and account security: password confirmation (sudo), password change, sessions, access tokens.
import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { changePassword } from '../actions/change-password.ts';
import { confirmPassword } from '../actions/confirm-password.ts';
import { endAllSessions, endedSessionsText } from '../actions/end-all-sessions.ts';
import { createPersonalToken, revokePersonalTokenOf } from '../actions/personal-tokens.ts';
import { csrfTokenFor } from '../web/csrf.ts';
import { regenerateSession } from '../session.ts';
import { field, safeNext } from '../form.ts';
import { currentUser, requireSudo, requireUser, sudoTtlMs, viewerOf } from '../web/guards.ts';
import { keepThisSession } from '../web/keep-session.ts';
import { passwordRefusal } from '../web/password-refusal.ts';
import { sendMessage } from '../web/respond.ts';
import { renderSettings } from '../web/settings.ts';
import { stashShowOnce } from '../web/show-once.ts';
import { ConfirmPasswordPage } from '../views/auth-pages.tsx';
import { sendPage } from '../views/render.ts';

export function createAccountRouter(ctx: AppContext, limiter: RequestHandler): Router {
  const r = Router();
  const appName = ctx.config.appName;

  r.get('/settings', requireUser, (req, res) => renderSettings(ctx, req, res));

  r.get('/user/confirm-password', requireUser, (req, res) => {
    sendPage(res, 200, ConfirmPasswordPage({ appName, csrf: csrfTokenFor(req), next: safeNext(req.query.next), viewer: viewerOf(ctx, currentUser(res))! }));
  });

  r.post('/user/confirm-password', limiter, requireUser, async (req, res) => {
    const user = currentUser(res);
    const next = safeNext(field(req, 'next', 300));
    const check = await confirmPassword(ctx, user, field(req, 'password', 1024), { startsSetup: next === '/user/two-factor-authentication' });
    if (!check.ok) {
      const refused = passwordRefusal(res, check);
      return sendPage(res, refused.status, ConfirmPasswordPage({ appName, csrf: csrfTokenFor(req), next, error: refused.message, viewer: viewerOf(ctx, user)! }));
    }
    await regenerateSession(req);
    req.session.userId = user.id;
    req.session.authEpoch = user.auth_epoch;
    req.session.sudoUntil = ctx.config.now() + sudoTtlMs;
    res.redirect(303, next);
  });

  r.post('/user/password', limiter, requireUser, async (req, res) => {
    const user = currentUser(res);
    const result = await changePassword(ctx, user, {
      current: field(req, 'current_password', 1024), password: field(req, 'password', 1024), confirmation: field(req, 'password_confirmation', 1024),
    });
    if (!result.ok) {
      if (result.reason === 'problem') return renderSettings(ctx, req, res, 422, result.problem);
      const refused = passwordRefusal(res, result);
      return renderSettings(ctx, req, res, refused.status, `Password not changed: ${refused.message}`);
    }
    await keepThisSession(req, user, result.ended.epoch);
    req.session.flash = `Password changed. ${endedSessionsText(result.ended.personalTokensRevoked)}`;
    res.redirect(303, '/settings');
  });

  r.post('/user/sessions/sign-out-everywhere', requireUser, async (req, res) => {
    const user = currentUser(res);
    const ended = endAllSessions(ctx, user, { action: 'sessions.signed_out_everywhere', what: 'You signed out everywhere.' });
    await keepThisSession(req, user, ended.epoch);
    req.session.flash = endedSessionsText(ended.personalTokensRevoked);
    res.redirect(303, '/settings');
  });

  r.post('/user/api-tokens', requireUser, requireSudo(ctx, () => '/settings#api-tokens'), (req, res) => {
    const user = currentUser(res);
    const result = createPersonalToken(ctx, user, field(req, 'name', 60));
    if (!result.ok) return renderSettings(ctx, req, res, 422, 'Give the token a name of at most 60 characters.');
    stashShowOnce(ctx, req, user.id, 'apiToken', result.token);
    res.redirect(303, '/settings#api-tokens');
  });

  r.post('/user/api-tokens/:id/revoke', requireUser, (req, res) => {
    const id = /^\d{1,12}$/.test(req.params.id as string) ? Number(req.params.id) : null;
    if (!revokePersonalTokenOf(ctx, currentUser(res), id).ok) return sendMessage(ctx, res, 404, 'Not found', 'No such token.');
    req.session.flash = 'Token revoked.';
    res.redirect(303, '/settings#api-tokens');
  });

  return r;
}

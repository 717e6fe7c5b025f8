// The settings page and account security: password confirmation (sudo), password change, sessions, access tokens.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { notificationsFor } from '../db/audit.ts';
import { checkPassword, passwordWaitText } from '../actions/check-password.ts';
import { endAllSessions, endedSessionsText } from '../actions/end-all-sessions.ts';
import { recordSecurityEvent } from '../actions/security-event.ts';
import { insertApiToken, personalTokensOf, revokePersonalToken } from '../db/api-tokens.ts';
import { countUnusedRecoveryCodes } from '../db/second-factor.ts';
import { isTwoFactorEnabled, updatePasswordHash, type UserRow } from '../db/users.ts';
import { csrfTokenFor } from '../security/csrf.ts';
import { checkPasswordStrength, hashPassword, passwordProblemText } from '../security/passwords.ts';
import { createPrefixedToken, hashToken } from '../security/tokens.ts';
import { regenerateSession } from '../session.ts';
import { field, safeNext } from '../web/form.ts';
import { currentUser, requireSudo, requireUser, sudoTtlMs, viewerOf } from '../web/guards.ts';
import { sendMessage } from '../web/respond.ts';
import { stashShowOnce, takeShowOnce } from '../web/show-once.ts';
import { ConfirmPasswordPage } from '../views/auth-pages.tsx';
import { sendPage } from '../views/render.ts';
import { SettingsPage } from '../views/settings-page.tsx';
import { startSetup } from '../web/enrolment.ts';
import { keepThisSession } from '../web/keep-session.ts';

export function renderSettings(ctx: AppContext, req: Request, res: Response, status = 200, error: string | null = null): void {
  const user = currentUser(res);
  const replacement = takeShowOnce(ctx, req, user.id, 'replacementRecoveryCode');
  const freshApiToken = takeShowOnce(ctx, req, user.id, 'apiToken');
  const flash = req.session.flash ?? null;
  // Shown once: gone from the session as soon as this page is rendered.
  delete req.session.flash;
  sendPage(res, status, SettingsPage({
    appName: ctx.config.appName, csrf: csrfTokenFor(req), viewer: viewerOf(ctx, user)!, email: user.email, emailVerified: user.email_verified_at !== null,
    twoFactor: isTwoFactorEnabled(user) ? 'enabled' : user.totp_secret !== null ? 'pending' : 'disabled',
    recoveryCodesLeft: countUnusedRecoveryCodes(ctx.db, user.id), replacementCode: replacement, freshApiToken,
    tokens: personalTokensOf(ctx.db, user.id), notifications: notificationsFor(ctx.db, user.id), flash, error,
  }));
}

/** Checks the password for a sensitive step under the account's back-off; answers and returns false on failure. */
export async function checkPasswordStep(ctx: AppContext, res: Response, user: UserRow, password: string | null,
  onWrong: (status: number, message: string) => void): Promise<boolean> {
  const check = await checkPassword(ctx, { kind: 'confirm', userId: user.id }, password ?? '', user.password_hash);
  if (check.ok) return true;
  if (check.reason === 'wait') {
    res.set('Retry-After', String(check.retryAfterSec));
    onWrong(429, passwordWaitText(check.retryAfterSec, { rememberedDevices: false }));
  } else {
    onWrong(422, 'The password is not correct.');
  }
  return false;
}

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
    const ok = await checkPasswordStep(ctx, res, user, field(req, 'password', 1024), (status, error) =>
      sendPage(res, status, ConfirmPasswordPage({ appName, csrf: csrfTokenFor(req), next, error, viewer: viewerOf(ctx, user)! })));
    if (!ok) return;
    await regenerateSession(req);
    req.session.userId = user.id;
    req.session.authEpoch = user.auth_epoch;
    req.session.sudoUntil = ctx.config.now() + sudoTtlMs;
    // The Enable button leads here first; after confirming, setup starts at once rather than asking for a second click.
    // A setup already in progress is resumed, so a QR scanned before the confirmation lapsed stays valid.
    if (next === '/user/two-factor-authentication' && user.totp_secret === null) {
      startSetup(ctx, user);
    }
    res.redirect(303, next);
  });

  r.post('/user/password', limiter, requireUser, async (req, res) => {
    const user = currentUser(res);
    const password = field(req, 'password', 1024);
    const ok = await checkPasswordStep(ctx, res, user, field(req, 'current_password', 1024), (status, error) =>
      renderSettings(ctx, req, res, status, `Password not changed: ${error}`));
    if (!ok) return;
    if (password === null) return renderSettings(ctx, req, res, 422, 'Enter a new password.');
    const problem = checkPasswordStrength(password, user.email);
    if (problem) return renderSettings(ctx, req, res, 422, passwordProblemText[problem]);
    if (password !== field(req, 'password_confirmation', 1024)) return renderSettings(ctx, req, res, 422, 'The two new passwords do not match.');
    updatePasswordHash(ctx.db, user.id, await hashPassword(password, ctx.config.scrypt));
    const ended = endAllSessions(ctx, user, { action: 'password.changed', what: 'Your password was changed.' });
    await keepThisSession(req, user, ended.epoch);
    req.session.flash = `Password changed. ${endedSessionsText(ended.personalTokensRevoked)}`;
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
    const name = field(req, 'name', 60)?.trim();
    if (!name) return renderSettings(ctx, req, res, 422, 'Give the token a name of at most 60 characters.');
    const token = createPrefixedToken('kfp');
    const now = ctx.config.now();
    insertApiToken(ctx.db, { userId: user.id, kind: 'personal', name, hash: hashToken(token), epoch: null, now, expiresAt: null });
    recordSecurityEvent(ctx, user, { action: 'api_token.created', detail: `name: ${name}`, notice: `A personal access token named "${name}" was created.` });
    stashShowOnce(ctx, req, user.id, 'apiToken', token);
    res.redirect(303, '/settings#api-tokens');
  });

  r.post('/user/api-tokens/:id/revoke', requireUser, (req, res) => {
    const user = currentUser(res);
    const id = /^\d{1,12}$/.test(req.params.id as string) ? Number(req.params.id) : NaN;
    if (!revokePersonalToken(ctx.db, user.id, id, ctx.config.now())) return sendMessage(ctx, res, 404, 'Not found', 'No such token.');
    recordSecurityEvent(ctx, user, { action: 'api_token.revoked' });
    req.session.flash = 'Token revoked.';
    res.redirect(303, '/settings#api-tokens');
  });

  return r;
}

// Two-factor life cycle for the signed-in user: start setup, confirm, recovery codes, disable.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import QRCode from 'qrcode';
import type { AppContext } from '../context.ts';
import { endAllSessions, endedSessionsText } from '../actions/end-all-sessions.ts';
import { recordSecurityEvent } from '../actions/security-event.ts';
import { confirmTotp, countUnusedRecoveryCodes, wipeSecondFactor } from '../db/second-factor.ts';
import { findUserById, isTwoFactorEnabled, type UserRow } from '../db/users.ts';
import { csrfTokenFor } from '../security/csrf.ts';
import { totpSecretAad } from '../security/secret-box.ts';
import { verifySecondFactor } from '../security/second-factor.ts';
import { otpauthUriFor } from '../security/totp.ts';
import { issueRecoveryCodes, startSetup } from '../web/enrolment.ts';
import { regenerateSession } from '../session.ts';
import { field } from '../web/form.ts';
import { keepThisSession } from '../web/keep-session.ts';
import { currentUser, requireSudo, requireUser, viewerOf } from '../web/guards.ts';
import { sendMessage } from '../web/respond.ts';
import { hasShowOnce, stashShowOnce, takeShowOnce } from '../web/show-once.ts';
import { sendPage } from '../views/render.ts';
import { RecoveryCodesPage, SetupPage } from '../views/two-factor-pages.tsx';
import { checkPasswordStep, renderSettings } from './account.ts';
import { lockedText } from './auth.ts';

async function renderSetup(ctx: AppContext, req: Request, res: Response, user: UserRow, status: number, error: string | null): Promise<void> {
  const secret = user.totp_secret === null ? null : ctx.box.open(user.totp_secret, totpSecretAad(user.id));
  if (secret === null) {
    ctx.log.alert(`pending two-factor secret of user ${user.id} failed to decrypt`);
    return sendMessage(ctx, res, 409, 'Setup not available', 'Start the setup again from your settings.');
  }
  const uri = otpauthUriFor(secret, ctx.config.appName, user.email);
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 4, width: 264 });
  sendPage(res, status, SetupPage({ appName: ctx.config.appName, csrf: csrfTokenFor(req), viewer: viewerOf(ctx, user)!, qrDataUrl, secret, error }));
}

export function createTwoFactorRouter(ctx: AppContext, limiter: RequestHandler): Router {
  const r = Router();
  const setupPath = '/user/two-factor-authentication';
  const sudoForSetup = requireSudo(ctx, () => setupPath);

  r.post(setupPath, requireUser, sudoForSetup, (req, res) => {
    const user = currentUser(res);
    if (isTwoFactorEnabled(user)) {
      return sendMessage(ctx, res, 409, 'Already enabled', 'Two-factor authentication is already enabled. Disable it first to set up a new authenticator.');
    }
    startSetup(ctx, user);
    res.redirect(303, setupPath);
  });

  r.get(setupPath, requireUser, sudoForSetup, async (req, res) => {
    const user = currentUser(res);
    if (isTwoFactorEnabled(user) || user.totp_secret === null) return res.redirect(303, '/settings');
    await renderSetup(ctx, req, res, user, 200, null);
  });

  r.post(`${setupPath}/cancel`, requireUser, (_req, res) => {
    const user = currentUser(res);
    if (!isTwoFactorEnabled(user)) wipeSecondFactor(ctx.db, user.id);
    res.redirect(303, '/settings');
  });

  r.post('/user/confirmed-two-factor-authentication', limiter, requireUser, sudoForSetup, async (req, res) => {
    const user = currentUser(res);
    if (isTwoFactorEnabled(user)) return sendMessage(ctx, res, 409, 'Already enabled', 'Two-factor authentication is already enabled.');
    if (user.totp_secret === null) return sendMessage(ctx, res, 409, 'No setup in progress', 'Start the setup from your settings.');
    const result = await verifySecondFactor(ctx, user.id, { kind: 'totp', code: (req.body as Record<string, unknown> | undefined)?.code }, { pendingSetup: true });
    if (!result.ok) {
      if (result.reason === 'locked' && result.retryAfterSec !== null) res.set('Retry-After', String(result.retryAfterSec));
      const error = result.reason === 'locked' ? lockedText(result.retryAfterSec)
        : result.reason === 'replayed' ? 'That code was already used. Wait for the next one.'
          : 'That code is not valid. Check the time on your device and enter the current code.';
      return renderSetup(ctx, req, res, findUserById(ctx.db, user.id)!, result.reason === 'locked' ? 429 : 422, error);
    }
    const now = ctx.config.now();
    if (!confirmTotp(ctx.db, user.id, now)) return sendMessage(ctx, res, 409, 'Setup changed', 'Start the setup again from your settings.');
    const codes = issueRecoveryCodes(ctx, user.id);
    recordSecurityEvent(ctx, user, { action: 'two_factor.enabled', notice: 'Two-factor authentication was enabled on your account.' });
    const sudoUntil = req.session.sudoUntil;
    await regenerateSession(req);
    req.session.userId = user.id;
    req.session.authEpoch = user.auth_epoch;
    if (sudoUntil !== undefined) req.session.sudoUntil = sudoUntil;
    stashShowOnce(ctx, req, user.id, 'recoveryCodes', codes);
    res.redirect(303, '/user/two-factor-recovery-codes');
  });

  const codesPath = '/user/two-factor-recovery-codes';
  r.get(codesPath, requireUser, (req, res, next) => {
    // Codes just generated are shown this once without asking for the password again.
    if (hasShowOnce(req, 'recoveryCodes')) return next();
    requireSudo(ctx, () => codesPath)(req, res, next);
  }, (req, res) => {
    const user = currentUser(res);
    if (!isTwoFactorEnabled(user)) return res.redirect(303, '/settings');
    const fresh = takeShowOnce(ctx, req, user.id, 'recoveryCodes');
    const flash = req.session.flash ?? null;
    delete req.session.flash;
    sendPage(res, 200, RecoveryCodesPage({ appName: ctx.config.appName, csrf: csrfTokenFor(req), viewer: viewerOf(ctx, user)!,
      fresh, remaining: countUnusedRecoveryCodes(ctx.db, user.id), flash }));
  });

  r.post(codesPath, requireUser, requireSudo(ctx, () => codesPath), (req, res) => {
    const user = currentUser(res);
    if (!isTwoFactorEnabled(user)) return sendMessage(ctx, res, 409, 'Not enabled', 'Two-factor authentication is not enabled.');
    stashShowOnce(ctx, req, user.id, 'recoveryCodes', issueRecoveryCodes(ctx, user.id));
    recordSecurityEvent(ctx, user, { action: 'recovery_codes.regenerated', notice: 'New recovery codes were generated; the old ones no longer work.' });
    req.session.flash = 'New recovery codes generated. The old ones no longer work.';
    res.redirect(303, codesPath);
  });

  r.post(`${setupPath}/disable`, limiter, requireUser, async (req, res) => {
    const user = currentUser(res);
    const ok = await checkPasswordStep(ctx, res, user, field(req, 'password', 1024), (status, error) =>
      renderSettings(ctx, req, res, status, `Two-factor authentication is still enabled: ${error}`));
    if (!ok) return;
    if (user.totp_secret === null) return res.redirect(303, '/settings');
    wipeSecondFactor(ctx.db, user.id);
    const ended = endAllSessions(ctx, user, { action: 'two_factor.disabled', what: 'Two-factor authentication was disabled on your account.' });
    await keepThisSession(req, user, ended.epoch);
    req.session.flash = `Two-factor authentication is disabled. ${endedSessionsText(ended.personalTokensRevoked)}`;
    res.redirect(303, '/settings');
  });

  return r;
}

// Two-factor life cycle for the signed-in user: start setup, confirm, recovery codes, disable.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { endedSessionsText } from '../actions/end-all-sessions.ts';
import { disableTwoFactor } from '../actions/disable-two-factor.ts';
import { regenerateRecoveryCodes } from '../actions/regenerate-recovery-codes.ts';
import { beginTwoFactorSetup, cancelTwoFactorSetup, confirmTwoFactorSetup, pendingSetupOf } from '../actions/two-factor-setup.ts';
import { countUnusedRecoveryCodes } from '../db/second-factor.ts';
import { isTwoFactorEnabled, type UserRow } from '../db/users.ts';
import { csrfTokenFor } from '../web/csrf.ts';
import { field } from '../form.ts';
import { keepThisSession } from '../web/keep-session.ts';
import { currentUser, requireSudo, requireUser, viewerOf } from '../web/guards.ts';
import { passwordRefusal } from '../web/password-refusal.ts';
import { sendMessage } from '../web/respond.ts';
import { badSetupCode, lockedText, usedCode } from '../web/second-factor-text.ts';
import { renderSettings } from '../web/settings.ts';
import { renderSetup } from '../web/setup-page.ts';
import { hasShowOnce, stashShowOnce, takeShowOnce } from '../web/show-once.ts';
import { sendPage } from '../views/render.ts';
import { RecoveryCodesPage } from '../views/two-factor-pages.tsx';

export function createTwoFactorRouter(ctx: AppContext, limiter: RequestHandler): Router {
  const r = Router();
  const setupPath = '/user/two-factor-authentication';
  const codesPath = '/user/two-factor-recovery-codes';
  const sudoForSetup = requireSudo(ctx, () => setupPath);

  /** The setup page for the pending secret, or a 409 when it cannot be read. */
  async function showSetup(req: Request, res: Response, user: UserRow, status: number, error: string | null): Promise<void> {
    const setup = pendingSetupOf(ctx, user.id);
    if (!setup.ok) return sendMessage(ctx, res, 409, 'Setup not available', 'Start the setup again from your settings.');
    await renderSetup(ctx, req, res, user, setup, status, error);
  }

  r.post(setupPath, requireUser, sudoForSetup, (_req, res) => {
    const result = beginTwoFactorSetup(ctx, currentUser(res));
    if (!result.ok) return sendMessage(ctx, res, 409, 'Already enabled', 'Two-factor authentication is already enabled. Disable it first to set up a new authenticator.');
    res.redirect(303, setupPath);
  });

  r.get(setupPath, requireUser, sudoForSetup, async (req, res) => {
    const user = currentUser(res);
    if (isTwoFactorEnabled(user) || user.totp_secret === null) return res.redirect(303, '/settings');
    await showSetup(req, res, user, 200, null);
  });

  r.post(`${setupPath}/cancel`, requireUser, (_req, res) => {
    cancelTwoFactorSetup(ctx, currentUser(res));
    res.redirect(303, '/settings');
  });

  r.post('/user/confirmed-two-factor-authentication', limiter, requireUser, sudoForSetup, async (req, res) => {
    const user = currentUser(res);
    const result = await confirmTwoFactorSetup(ctx, user, field(req, 'code', 100));
    if (!result.ok) {
      switch (result.reason) {
        case 'already_enabled': return sendMessage(ctx, res, 409, 'Already enabled', 'Two-factor authentication is already enabled.');
        case 'no_setup': return sendMessage(ctx, res, 409, 'No setup in progress', 'Start the setup from your settings.');
        case 'setup_changed': return sendMessage(ctx, res, 409, 'Setup changed', 'Start the setup again from your settings.');
        case 'locked':
          if (result.retryAfterSec !== null) res.set('Retry-After', String(result.retryAfterSec));
          return showSetup(req, res, user, 429, lockedText(result.retryAfterSec));
        default: return showSetup(req, res, user, 422, result.reason === 'replayed' ? usedCode : badSetupCode);
      }
    }
    // A fresh session id for the account's new strength; the epoch is unchanged and the confirmation carries over.
    await keepThisSession(req, user, user.auth_epoch);
    stashShowOnce(ctx, req, user.id, 'recoveryCodes', result.recoveryCodes);
    res.redirect(303, codesPath);
  });

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
    const result = regenerateRecoveryCodes(ctx, user);
    if (!result.ok) return sendMessage(ctx, res, 409, 'Not enabled', 'Two-factor authentication is not enabled.');
    stashShowOnce(ctx, req, user.id, 'recoveryCodes', result.recoveryCodes);
    req.session.flash = 'New recovery codes generated. The old ones no longer work.';
    res.redirect(303, codesPath);
  });

  r.post(`${setupPath}/disable`, limiter, requireUser, async (req, res) => {
    const user = currentUser(res);
    const result = await disableTwoFactor(ctx, user, field(req, 'password', 1024));
    if (!result.ok) {
      const refused = passwordRefusal(res, result);
      return renderSettings(ctx, req, res, refused.status, `Two-factor authentication is still enabled: ${refused.message}`);
    }
    if (result.ended === null) return res.redirect(303, '/settings');
    await keepThisSession(req, user, result.ended.epoch);
    req.session.flash = `Two-factor authentication is disabled. ${endedSessionsText(result.ended.personalTokensRevoked)}`;
    res.redirect(303, '/settings');
  });

  return r;
}

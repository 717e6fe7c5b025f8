// The settings page, drawn by every route that ends there (account, two-factor disable): it takes the values shown once.
import type { Request, Response } from 'express';
import type { AppContext } from '../context.ts';
import { personalTokensOf } from '../db/api-tokens.ts';
import { notificationsFor } from '../db/audit.ts';
import { countUnusedRecoveryCodes } from '../db/second-factor.ts';
import { isTwoFactorEnabled } from '../db/users.ts';
import { sendPage } from '../views/render.ts';
import { SettingsPage } from '../views/settings-page.tsx';
import { csrfTokenFor } from './csrf.ts';
import { currentUser, viewerOf } from './guards.ts';
import { takeShowOnce } from './show-once.ts';

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

// Administrators: the user list with a two-factor filter, a user's status and audit log, and the 2FA reset.
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { auditFor } from '../db/audit.ts';
import { resetTwoFactorByAdmin } from '../actions/admin-reset-two-factor.ts';
import { countUnusedRecoveryCodes, lockStateOf } from '../db/second-factor.ts';
import { findUserById, listUsers, type TwoFactorFilter } from '../db/users.ts';
import { csrfTokenFor } from '../web/csrf.ts';
import { checkLock } from '../security/lockout.ts';
import { currentUser, requireAdmin, requireSudo, requireUser, viewerOf } from '../web/guards.ts';
import { sendMessage } from '../web/respond.ts';
import { AdminUserPage, AdminUsersPage } from '../views/admin-pages.tsx';
import { sendPage } from '../views/render.ts';

const filters: readonly TwoFactorFilter[] = ['enabled', 'disabled', 'all'];

function userIdParam(raw: unknown): number | null {
  return typeof raw === 'string' && /^[1-9][0-9]{0,11}$/.test(raw) ? Number(raw) : null;
}

export function createAdminRouter(ctx: AppContext): Router {
  const r = Router();
  r.use(requireUser, requireAdmin(ctx));

  r.get('/users', (req, res) => {
    const raw = req.query.two_factor ?? 'all';
    const filter = filters.find((f) => f === raw);
    if (!filter) return sendMessage(ctx, res, 400, 'Bad filter', 'two_factor must be one of: enabled, disabled, all.');
    sendPage(res, 200, AdminUsersPage({ appName: ctx.config.appName, csrf: csrfTokenFor(req), viewer: viewerOf(ctx, currentUser(res))!,
      users: listUsers(ctx.db, filter), filter }));
  });

  r.get('/users/:id', (req, res) => {
    const id = userIdParam(req.params.id);
    const user = id === null ? undefined : findUserById(ctx.db, id);
    if (!user) return sendMessage(ctx, res, 404, 'Not found', 'There is no user with this id.');
    const flash = req.session.flash ?? null;
    delete req.session.flash;
    sendPage(res, 200, AdminUserPage({ appName: ctx.config.appName, csrf: csrfTokenFor(req), viewer: viewerOf(ctx, currentUser(res))!,
      user, codesLeft: countUnusedRecoveryCodes(ctx.db, user.id), audit: auditFor(ctx.db, user.id), flash,
      locked: checkLock(lockStateOf(user), ctx.config.now()).locked }));
  });

  r.post('/users/:id/two-factor/reset', requireSudo(ctx, (req) => `/admin/users/${userIdParam(req.params.id) ?? ''}`), (req, res) => {
    const admin = currentUser(res);
    const result = resetTwoFactorByAdmin(ctx, admin, userIdParam(req.params.id));
    if (!result.ok) return sendMessage(ctx, res, 404, 'Not found', 'There is no user with this id.');
    const { target, ended } = result;
    // An admin resetting their own 2FA keeps this session.
    if (target.id === admin.id) req.session.authEpoch = ended.epoch;
    req.session.flash = `Two-factor authentication of ${target.email} was reset, their sessions were ended and ${ended.personalTokensRevoked} personal access token(s) revoked.`;
    res.redirect(303, `/admin/users/${target.id}`);
  });

  return r;
}

// Who is asking: the signed-in user (checked against their auth epoch), sudo, admin; each guard answers for itself.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../context.ts';
import { findUserById, type UserRow } from '../db/users.ts';
import { regenerateSession } from '../session.ts';
import type { Viewer } from '../views/layout.tsx';
import { sendPage } from '../views/render.ts';
import { MessagePage } from '../views/message-page.tsx';

export const sudoTtlMs = 15 * 60 * 1000;

declare module 'express-serve-static-core' {
  interface Locals { user?: UserRow }
}

/** Loads the user of a signed-in session; a session from before the user's last epoch bump is ended here. */
export function loadUser(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const id = req.session.userId;
    if (id === undefined) return next();
    const user = findUserById(ctx.db, id);
    if (!user || user.auth_epoch !== req.session.authEpoch) {
      await regenerateSession(req);
      return next();
    }
    res.locals.user = user;
    next();
  };
}

export function currentUser(res: Response): UserRow {
  const u = res.locals.user;
  if (!u) throw new Error('currentUser() used on a route without requireUser');
  return u;
}

export function viewerOf(ctx: AppContext, u: UserRow | undefined): Viewer | null {
  return u ? { name: u.name, isAdmin: isAdmin(ctx, u) } : null;
}

/**
 * The operator's grant or revoke (`npm run admin`) decides first; otherwise ADMIN_EMAILS, but only for an address its
 * owner proved: anyone can register any address, so an unverified one grants nothing.
 */
export function isAdmin(ctx: AppContext, u: UserRow): boolean {
  if (u.admin_grant !== null) return u.admin_grant === 'granted';
  return u.email_verified_at !== null && ctx.config.adminEmails.includes(u.email.toLowerCase());
}

/** Signed-in only. A password-only (pending) sign-in is sent to the challenge, anyone else to the sign-in form. */
export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.user) return next();
  res.redirect(303, req.session.pending ? '/two-factor-challenge' : '/login');
}

export function hasSudo(ctx: AppContext, req: Request): boolean {
  return (req.session.sudoUntil ?? 0) > ctx.config.now();
}

export function requireSudo(ctx: AppContext, next: (req: Request) => string): RequestHandler {
  return (req, res, go) => {
    if (hasSudo(ctx, req)) return go();
    res.redirect(303, `/user/confirm-password?next=${encodeURIComponent(next(req))}`);
  };
}

export function requireAdmin(ctx: AppContext): RequestHandler {
  return (_req, res, next) => {
    const u = res.locals.user;
    if (u && isAdmin(ctx, u)) return next();
    sendPage(res, 403, MessagePage({ appName: ctx.config.appName, title: 'Forbidden', message: 'This area is for administrators.' }));
  };
}

/** Form routes take urlencoded bodies only: JSON or anything else is refused before it can confuse a handler. */
export function formOnly(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.is('application/x-www-form-urlencoded')) return next();
    sendPage(res, 415, MessagePage({ appName: ctx.config.appName, title: 'Unsupported form',
      message: 'This form accepts only application/x-www-form-urlencoded submissions.' }));
  };
}

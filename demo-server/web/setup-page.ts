// The authenticator setup page: QR and secret of the pending setup, or a 409 when it cannot be read.
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import type { AppContext } from '../context.ts';
import { pendingSetupOf } from '../actions/two-factor-setup.ts';
import type { UserRow } from '../db/users.ts';
import { csrfTokenFor } from '../security/csrf.ts';
import { sendPage } from '../views/render.ts';
import { SetupPage } from '../views/two-factor-pages.tsx';
import { viewerOf } from './guards.ts';
import { sendMessage } from './respond.ts';

export async function renderSetup(ctx: AppContext, req: Request, res: Response, user: UserRow, status: number, error: string | null): Promise<void> {
  const setup = pendingSetupOf(ctx, user.id);
  if (!setup.ok) return sendMessage(ctx, res, 409, 'Setup not available', 'Start the setup again from your settings.');
  const qrDataUrl = await QRCode.toDataURL(setup.otpauthUri, { errorCorrectionLevel: 'M', margin: 4, width: 264 });
  sendPage(res, status, SetupPage({ appName: ctx.config.appName, csrf: csrfTokenFor(req), viewer: viewerOf(ctx, user)!, qrDataUrl, secret: setup.secret, error }));
}

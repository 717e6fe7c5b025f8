// The authenticator setup page: QR and secret of the pending setup, which the route has read and decrypted.
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import type { AppContext } from '../context.ts';
import type { UserRow } from '../db/users.ts';
import { sendPage } from '../views/render.ts';
import { SetupPage } from '../views/two-factor-pages.tsx';
import { csrfTokenFor } from './csrf.ts';
import { viewerOf } from './guards.ts';

export async function renderSetup(ctx: AppContext, req: Request, res: Response, user: UserRow, setup: { secret: string; otpauthUri: string }, status: number, error: string | null): Promise<void> {
  const qrDataUrl = await QRCode.toDataURL(setup.otpauthUri, { errorCorrectionLevel: 'M', margin: 4, width: 264 });
  sendPage(res, status, SetupPage({ appName: ctx.config.appName, csrf: csrfTokenFor(req), viewer: viewerOf(ctx, user)!, qrDataUrl, secret: setup.secret, error }));
}

// Short answers shared by the web routes: a message page with a status.
import type { Response } from 'express';
import type { AppContext } from '../context.ts';
import { MessagePage } from '../views/message-page.tsx';
import { sendPage } from '../views/render.ts';

export function sendMessage(ctx: AppContext, res: Response, status: number, title: string, message: string): void {
  sendPage(res, status, MessagePage({ appName: ctx.config.appName, title, message }));
}

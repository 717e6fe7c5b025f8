// After a kill switch, the browser that pulled it carries on under a fresh session id and the new auth epoch.
import type { Request } from 'express';
import type { UserRow } from '../db/users.ts';
import { regenerateSession } from '../session.ts';

export async function keepThisSession(req: Request, user: UserRow, epoch: number): Promise<void> {
  const sudoUntil = req.session.sudoUntil;
  await regenerateSession(req);
  req.session.userId = user.id;
  req.session.authEpoch = epoch;
  if (sudoUntil !== undefined) req.session.sudoUntil = sudoUntil;
}

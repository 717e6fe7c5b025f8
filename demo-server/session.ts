// What the session holds, and the session-id rotations the sign-in, challenge and sudo steps require.
import type { Request } from 'express';
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    userId: number;
    /** The user's auth_epoch when this session signed in; a newer epoch ends the session. */
    authEpoch: number;
    /** Password-confirmed until then (ms). */
    sudoUntil: number;
    /** A correct password waiting for its second factor. Grants no page but the challenge. */
    pending: { userId: number; at: number; authEpoch: number };
    /** Values to show exactly once, sealed: read and write them only through web/show-once.ts. */
    showOnce: Partial<Record<'recoveryCodes' | 'replacementRecoveryCode' | 'apiToken', string>>;
    flash: string;
  }
}

/** New session id, empty session: nothing an attacker planted survives (session fixation). */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

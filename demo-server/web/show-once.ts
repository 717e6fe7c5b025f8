// Values shown to the user exactly once (fresh recovery codes, a replacement code, a new access token): kept in the
// session only sealed with the secrets key, so the session rows in DATA_DIR (and its WAL) never hold them in plaintext.
import type { Request } from 'express';
import type { AppContext } from '../context.ts';

export interface ShowOnceValues {
  recoveryCodes: string[];
  replacementRecoveryCode: { code: string; remaining: number };
  apiToken: string;
}
export type ShowOnceKind = keyof ShowOnceValues;

// Bound to the user and the purpose: a blob copied into another user's session, or into another slot, does not open.
function aadOf(kind: ShowOnceKind, userId: number): string {
  return `show-once:${kind}:user:${userId}`;
}

export function stashShowOnce<K extends ShowOnceKind>(ctx: AppContext, req: Request, userId: number, kind: K, value: ShowOnceValues[K]): void {
  req.session.showOnce = { ...req.session.showOnce, [kind]: ctx.box.seal(JSON.stringify(value), aadOf(kind, userId)) };
}

/** True while a value waits to be shown (the codes page skips the password prompt for codes it just made). */
export function hasShowOnce(req: Request, kind: ShowOnceKind): boolean {
  return req.session.showOnce?.[kind] !== undefined;
}

/** The value, removed from the session as it is read; null when none waits or it does not open (wrong user, other key). */
export function takeShowOnce<K extends ShowOnceKind>(ctx: AppContext, req: Request, userId: number, kind: K): ShowOnceValues[K] | null {
  const blob = req.session.showOnce?.[kind];
  if (blob === undefined) return null;
  const { [kind]: _taken, ...rest } = req.session.showOnce ?? {};
  if (Object.keys(rest).length) req.session.showOnce = rest;
  else delete req.session.showOnce;
  const plain = ctx.box.open(blob, aadOf(kind, userId));
  return plain === null ? null : JSON.parse(plain) as ShowOnceValues[K];
}

// CSRF for every form (`_csrf`): a session-bound synchroniser token (csrf-sync) once a session exists (signed in or
// pending the challenge), and for anonymous forms a signed double-submit token, so showing a form stores no session.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler, Response } from 'express';
import { cookieOf } from './cookies.ts';

const sync = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const body: unknown = req.body;
    const field = body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined;
    return typeof field === 'string' ? field : undefined;
  },
});

const cookiePattern = /^[A-Za-z0-9_-]{43}$/;
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(sent: string | null | undefined, expected: string | null | undefined): boolean {
  if (typeof sent !== 'string' || typeof expected !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Which token a request's forms carry and its posts must bring: sessions are made only at sign-in and for the challenge. */
function hasSession(req: Request): boolean {
  return req.session.userId !== undefined || req.session.pending !== undefined;
}

// The token generator of the request being answered, so views keep calling csrfTokenFor(req) whichever kind applies.
const tokenMakers = new WeakMap<Request, () => string>();

/**
 * Anonymous token = HMAC(key derived from the secrets key, random cookie value). Another visitor's token, or one
 * minted for a cookie the attacker chose, does not match this browser's cookie; without the key none can be forged.
 */
export function createCsrfProtection(secretKey: Buffer, opts: { secureCookies: boolean }): RequestHandler {
  const key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'keyfob-demo csrf anonymous forms', 32));
  const cookieName = opts.secureCookies ? '__Host-kf.csrf' : 'kf.csrf';
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: opts.secureCookies, path: '/' };
  const sign = (cookie: string): string => createHmac('sha256', key).update(`anonymous-form:${cookie}`).digest('base64url');

  function anonymousCookieOf(req: Request, res: Response): string | null {
    const value = cookieOf(req, res, cookieName);
    return value !== undefined && cookiePattern.test(value) ? value : null;
  }

  function anonymousTokenMaker(req: Request, res: Response): () => string {
    // Read when a page first asks for the token: a session's requests never need the anonymous cookie.
    let cookie: string | null | undefined;
    return () => {
      if (cookie === undefined) cookie = anonymousCookieOf(req, res);
      if (cookie === null) {
        cookie = randomBytes(32).toString('base64url');
        res.cookie(cookieName, cookie, cookieOptions);
      }
      return sign(cookie);
    };
  }

  function anonymousPostIsValid(req: Request, res: Response): boolean {
    const cookie = anonymousCookieOf(req, res);
    return cookie !== null && sameToken(sync.getTokenFromRequest(req), sign(cookie));
  }

  return (req, res, next) => {
    const session = hasSession(req);
    const valid = safeMethods.has(req.method) || (session ? sameToken(sync.getTokenFromRequest(req), sync.getTokenFromState(req)) : anonymousPostIsValid(req, res));
    if (!valid) return next(sync.invalidCsrfTokenError);
    const anonymous = anonymousTokenMaker(req, res);
    // Decided when the page is drawn, not now: a sign-in or sign-out in this request changes which token the next post needs.
    tokenMakers.set(req, () => (hasSession(req) ? sync.generateToken(req) : anonymous()));
    next();
  };
}

export function csrfTokenFor(req: Request): string {
  const make = tokenMakers.get(req);
  if (!make) throw new Error('csrfTokenFor() used on a request the CSRF middleware did not see');
  return make();
}

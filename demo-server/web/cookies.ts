// Request cookies read on demand: most requests (a session's form posts) need none besides the session's own, which
// express-session reads itself, so the Cookie header is parsed only when a cookie is asked for, once per request.
import cookieParser from 'cookie-parser';
import type { Request, Response } from 'express';

const parseCookies = cookieParser();

/** The value of cookie `name` as a string, or undefined (absent, or not a string as cookie-parser's `j:` values are). */
export function cookieOf(req: Request, res: Response, name: string): string | undefined {
  // cookie-parser's middleware is synchronous and parses only when req.cookies is unset.
  if (req.cookies === undefined) void parseCookies(req, res, () => {});
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

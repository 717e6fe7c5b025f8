// Reading request fields safely, for forms and JSON alike: only strings within a length survive; arrays, objects and
// oversize values do not.
import type { Request } from 'express';

/** The one typed reader behind `field` (forms) and the JSON API: `body` is whatever the body parser produced. */
export function readString(body: unknown, name: string, maxLength: number): string | null {
  if (!body || typeof body !== 'object') return null;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' && v.length <= maxLength ? v : null;
}

/** Whether the body names the field at all, whatever its value (the challenge form's recovery-code mode). */
export function bodyHas(body: unknown, name: string): boolean {
  return !!body && typeof body === 'object' && Object.hasOwn(body, name);
}

export function field(req: Request, name: string, maxLength = 1024): string | null {
  return readString(req.body, name, maxLength);
}

export function has(req: Request, name: string): boolean {
  return bodyHas(req.body, name);
}

/** Same-site relative paths only, so `next` cannot send the user to another site. */
export function safeNext(raw: unknown, fallback = '/settings'): string {
  return typeof raw === 'string' && /^\/(?![/\\])[\w\-./?=&#%]*$/.test(raw) && raw.length < 200 ? raw : fallback;
}

const emailPattern = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normaliseEmail(raw: string | null): string | null {
  if (raw === null) return null;
  const e = raw.trim().toLowerCase();
  return e.length <= 254 && emailPattern.test(e) ? e : null;
}

// Reading form fields safely: only strings within a length survive; arrays, objects and oversize values do not.
import type { Request } from 'express';

export function field(req: Request, name: string, maxLength = 1024): string | null {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object') return null;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' && v.length <= maxLength ? v : null;
}

export function has(req: Request, name: string): boolean {
  const body: unknown = req.body;
  return !!body && typeof body === 'object' && Object.hasOwn(body, name);
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

// Synchroniser-token CSRF protection (csrf-sync): the token lives in the session and forms send it as `_csrf`.
import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

export const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const body: unknown = req.body;
    const field = body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined;
    return typeof field === 'string' ? field : undefined;
  },
});

export function csrfTokenFor(req: Request): string {
  return generateToken(req);
}

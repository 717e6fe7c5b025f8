// The per-client (IP) limiter in front of sign-in, the challenge, password confirmation and the API's auth endpoints.
import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';

export function createClientLimiter(limit: number, respond: RequestHandler): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Only attempts count: GETs of the forms are free.
    skip: (req) => req.method === 'GET' || req.method === 'HEAD',
    handler: (req, res, next) => {
      res.status(429);
      respond(req, res, next);
    },
  });
}

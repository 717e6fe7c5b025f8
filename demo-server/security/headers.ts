// helmet with a CSP that allows the QR's data: image and nothing inline; HSTS and upgrades only over https.
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export function securityHeaders(secure: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'img-src': ["'self'", 'data:'],
        'script-src': ["'self'"],
        'form-action': ["'self'"],
        // On plain-http loopback an upgrade would send forms to an https port that does not exist.
        'upgrade-insecure-requests': secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
  });
}

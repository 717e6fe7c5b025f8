// createApp(config): the whole demo web app as an Express app, built without listening.
import { hkdfSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import { defaultKeyDir, type Config } from './config.ts';
import type { AppContext, Logger } from './context.ts';
import { openDatabase } from './db/database.ts';
import { SqliteSessionStore } from './db/session-store.ts';
import { createPublicUrl } from './public-url.ts';
import { createClientLimiter } from './security/client-limiter.ts';
import { securityHeaders } from './security/headers.ts';
import { hashPassword } from './security/passwords.ts';
import { createAccountKeyer } from './security/account-key.ts';
import { createRecoveryCodeHasher } from './security/recovery-codes.ts';
import { createSecretBox, loadSecretKey } from './security/secret-box.ts';
import { createAccountRouter } from './routes/account.ts';
import { createAdminRouter } from './routes/admin.ts';
import { createApiRouter } from './routes/api.ts';
import { createAuthRouter } from './routes/auth.ts';
import { createEmailVerificationRouter } from './routes/email-verification.ts';
import { createLabRouter } from './routes/lab.ts';
import { createPasswordResetRouter } from './routes/password-reset.ts';
import { createTwoFactorRouter } from './routes/two-factor.ts';
import { createCsrfProtection, csrfTokenFor } from './web/csrf.ts';
import { formOnly, loadUser, viewerOf } from './web/guards.ts';
import { refuseForeignHost } from './web/host-check.ts';
import { sendMessage } from './web/respond.ts';
import { HomePage } from './views/message-page.tsx';
import { sendPage } from './views/render.ts';

export interface DemoApp {
  app: express.Express;
  ctx: AppContext;
  /** For a server on port 0 without PUBLIC_URL: call once listening, with the address clients use (http://localhost:<port>). */
  setPublicUrl(url: string): void;
  close(): void;
}

const consoleLogger: Logger = {
  info: (line) => console.log(line),
  alert: (line) => console.warn(`ALERT ${line}`),
};

function errorStatus(err: unknown): number {
  const s = typeof err === 'object' && err !== null ? (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode : undefined;
  return typeof s === 'number' && s >= 400 && s < 500 ? s : 500;
}

const errorText: Record<number, string> = {
  400: 'The request could not be read.',
  403: 'The form has expired or did not come from this site. Go back, reload the page and try again.',
  413: 'The request is too large.',
  415: 'This kind of request body is not accepted here.',
};

export async function createApp(config: Config, opts: { log?: Logger } = {}): Promise<DemoApp> {
  const log = opts.log ?? consoleLogger;
  const db = openDatabase(config.dataDir);
  const key = loadSecretKey(config.secretKey, { dataDir: config.dataDir, keyDir: config.keyDir ?? defaultKeyDir(config.dataDir) }, log.info);
  const ctx: AppContext = {
    config, db, log,
    box: createSecretBox(key),
    hashRecoveryCode: createRecoveryCodeHasher(key),
    accountKeyOf: createAccountKeyer(key),
    dummyPasswordHash: await hashPassword(randomBytes(16).toString('hex'), config.scrypt),
    publicUrl: createPublicUrl(config.publicUrl),
  };

  const app = express();
  app.disable('x-powered-by');
  // A site whose clock is set off on purpose says so in its Date header, as a real one would.
  if ((config.clockSkewMs ?? 0) !== 0) app.use((_req, res, next) => { res.setHeader('Date', new Date(config.now()).toUTCString()); next(); });
  // Pages are no-store and carry per-request CSRF tokens, so an ETag (a hash of every body sent) could never match.
  app.set('etag', false);
  // With SECURE_COOKIES the app may sit behind a TLS-terminating proxy on the same host; it then trusts only that hop.
  app.set('trust proxy', config.secureCookies ? 'loopback' : false);
  if (config.logRequests) {
    // Method, path (no query string) and status only: bodies hold passwords and codes.
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => log.info(`${req.method} ${req.originalUrl.split("?")[0]} ${res.statusCode} ${Number(process.hrtime.bigint() - started) / 1e6} ms`));
      next();
    });
  }
  app.use(securityHeaders(config.secureCookies));
  app.use('/static', express.static(fileURLToPath(new URL('./public/', import.meta.url)), { index: false, maxAge: '1h' }));

  // The lab is a self-contained test bench with its own in-memory sessions and headers: no accounts, no CSRF.
  if (config.lab) app.use('/lab', createLabRouter({ appName: config.appName, now: config.now }));

  // Everything below acts for the public host only (the lab above serves many host names and holds no accounts).
  app.use(refuseForeignHost(ctx));

  const limiter = createClientLimiter(config.clientRateLimit, (_req, res) =>
    res.headersSent ? undefined : sendMessage(ctx, res, 429, 'Too many attempts', 'Too many attempts from your network. Wait a few minutes and try again.'));
  const apiLimiter = createClientLimiter(config.clientRateLimit, (_req, res) => {
    res.json({ error: 'rate_limited', message: 'Too many attempts from your network.' });
  });
  app.use('/api/v1', createApiRouter(ctx, apiLimiter));

  app.use(session({
    name: config.secureCookies ? '__Host-kf.sid' : 'kf.sid',
    secret: Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'keyfob-demo session cookie', 32)).toString('hex'),
    // express-session dates cookies by the wall clock, so the store must expire rows by the same clock, not config.now.
    store: new SqliteSessionStore(db, () => Date.now()),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', maxAge: 12 * 60 * 60 * 1000 },
  }));
  app.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 }));
  app.use(formOnly(ctx));
  app.use(createCsrfProtection(key, { secureCookies: config.secureCookies }));
  app.use(loadUser(ctx));

  app.get('/', (req, res) => sendPage(res, 200, HomePage({ appName: config.appName, viewer: viewerOf(ctx, res.locals.user), csrf: csrfTokenFor(req) })));
  app.use(createAuthRouter(ctx, limiter));
  app.use(createPasswordResetRouter(ctx, limiter));
  app.use(createEmailVerificationRouter(ctx, limiter));
  app.use(createAccountRouter(ctx, limiter));
  app.use(createTwoFactorRouter(ctx, limiter));
  app.use('/admin', createAdminRouter(ctx));

  app.use((_req, res) => sendMessage(ctx, res, 404, 'Not found', 'There is no page here.'));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = errorStatus(err);
    if (status === 500) log.alert(`unhandled error: ${err instanceof Error ? err.message : String(err)}`);
    if (res.headersSent) return;
    sendMessage(ctx, res, status, status === 500 ? 'Something went wrong' : 'Request refused', errorText[status] ?? (status === 500 ? 'Please try again.' : 'The request was refused.'));
  });

  return { app, ctx, setPublicUrl: (url) => ctx.publicUrl.set(url), close: () => db.close() };
}

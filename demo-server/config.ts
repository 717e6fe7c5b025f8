// Reads the demo server's settings from the environment once; everything else receives a Config.
import { resolve } from 'node:path';

export type RecoveryCodePolicy = 'replace' | 'consume';

export interface ScryptCost { N: number; r: number; p: number }

export interface Config {
  port: number;
  dataDir: string;
  appName: string;
  adminEmails: string[];
  /** 32-byte key for secrets at rest; when absent a key file in keyDir is used (created on first start). */
  secretKey: Buffer | null;
  /** KEY_DIR: where the generated key file lives without SECRET_KEY; never inside dataDir. Default `<dataDir>-keys`. */
  keyDir?: string;
  /** MAIL_DIR: where `outbox.log`, the stand-in for sent mail, is written. Default `<dataDir>-mail`: mail has left the
   * server, and its one-time links must not ride along in a copy of the data. */
  mailDir?: string;
  recoveryCodes: RecoveryCodePolicy;
  lab: boolean;
  /** Served over https (or behind a TLS proxy): cookies get Secure and the __Host- prefix. */
  secureCookies: boolean;
  scrypt: ScryptCost;
  /** Requests per client per 15 minutes on sign-in, challenge and password confirmation. */
  clientRateLimit: number;
  /**
   * The site's own origin (PUBLIC_URL, e.g. https://demo.example): mailed links are built from it, and state-changing
   * requests for any other Host are refused. Null only when PORT is 0: the listener then sets it once the port is known.
   */
  publicUrl: string | null;
  /** Request logging to stdout (never logs bodies). */
  logRequests: boolean;
  /** The clock, injected so tests move time without fake timers. */
  now: () => number;
  /**
   * CLOCK_SKEW_SECONDS (tests and demos only): the site's clock runs this far from the machine's, in its `Date` header
   * and in the codes it accepts, as a server whose users' devices are off would see it. 0 by default.
   */
  clockSkewMs?: number;
}

/** Where the generated key lives when SECRET_KEY is not set: next to DATA_DIR, never inside it, so a copy of the data is no key. */
export function defaultKeyDir(dataDir: string): string {
  return `${resolve(dataDir)}-keys`;
}

/** Where the outbox (stand-in for sent mail) goes when MAIL_DIR is not set: next to DATA_DIR, never inside it. */
export function defaultMailDir(dataDir: string): string {
  return `${resolve(dataDir)}-mail`;
}

export function mailDirOf(config: Pick<Config, 'dataDir' | 'mailDir'>): string {
  return config.mailDir ?? defaultMailDir(config.dataDir);
}

export const defaultScrypt: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

function parseKey(raw: string | undefined): Buffer | null {
  if (!raw) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes, as 64 hex characters or base64');
  return key;
}

function parseIntIn(raw: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in [${min}, ${max}]`);
  return n;
}

/** An http(s) origin with nothing after it: links are `origin + path`, and the app is not served under a prefix. */
export function parsePublicUrl(raw: string): string {
  let url: URL;
  try { url = new URL(raw); } catch { throw new Error(`PUBLIC_URL must be an absolute URL such as https://demo.example (got ${JSON.stringify(raw)})`); }
  const bare = url.username === '' && url.password === '' && url.pathname === '/' && url.search === '' && url.hash === '';
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
    throw new Error('PUBLIC_URL must be an http(s) origin without user, path, query or fragment, such as https://demo.example:8443');
  }
  return url.origin;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const policy = env.RECOVERY_CODES ?? 'replace';
  if (policy !== 'replace' && policy !== 'consume') throw new Error('RECOVERY_CODES must be "replace" or "consume"');
  const port = parseIntIn(env.PORT, 3000, 0, 65535, 'PORT');
  const clockSkewMs = parseIntIn(env.CLOCK_SKEW_SECONDS, 0, -86_400, 86_400, 'CLOCK_SKEW_SECONDS') * 1000;
  return {
    port,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    keyDir: env.KEY_DIR ? resolve(env.KEY_DIR) : defaultKeyDir(resolve(env.DATA_DIR ?? './data')),
    mailDir: env.MAIL_DIR ? resolve(env.MAIL_DIR) : defaultMailDir(resolve(env.DATA_DIR ?? './data')),
    appName: env.APP_NAME?.trim() || 'Keyfob Demo',
    adminEmails: (env.ADMIN_EMAILS ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean),
    secretKey: parseKey(env.SECRET_KEY),
    recoveryCodes: policy,
    lab: env.DEMO_LAB === '1',
    secureCookies: env.SECURE_COOKIES === '1',
    scrypt: { ...defaultScrypt, N: 2 ** parseIntIn(env.SCRYPT_LOG_N, 17, 10, 20, 'SCRYPT_LOG_N') },
    clientRateLimit: parseIntIn(env.CLIENT_RATE_LIMIT, 100, 1, 1_000_000, 'CLIENT_RATE_LIMIT'),
    publicUrl: env.PUBLIC_URL ? parsePublicUrl(env.PUBLIC_URL) : port === 0 ? null : `http://localhost:${port}`,
    logRequests: env.LOG_REQUESTS !== '0',
    now: () => Date.now() + clockSkewMs,
    clockSkewMs,
  };
}

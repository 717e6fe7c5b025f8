// Cross-cutting rules: CSRF on every state change, security headers, nothing secret in logs, tamper-proof secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { Browser } from './support/browser.ts';
import { adminBrowser, confirmPassword, enableTwoFactor, password, passwordStep, register, startSetup, totpAt, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

describe('CSRF', () => {
  const routes = [
    '/logout', '/user/confirm-password', '/user/two-factor-authentication', '/user/two-factor-authentication/cancel',
    '/user/confirmed-two-factor-authentication', '/user/two-factor-recovery-codes', '/user/two-factor-authentication/disable',
    '/user/password', '/user/sessions/sign-out-everywhere', '/user/api-tokens', '/user/api-tokens/1/revoke',
    '/admin/users/1/two-factor/reset', '/login', '/register', '/two-factor-challenge', '/forgot-password', '/reset-password',
  ];

  it.each(routes)('refuses POST %s with a missing or wrong _csrf token', async (path) => {
    const admin = await adminBrowser(server);
    await admin.get('/settings');
    const missing = await admin.post(path, { password, code: '123456' }, { csrf: false });
    expect(missing.status).toBe(403);
    const wrong = await admin.post(path, { password, code: '123456', _csrf: 'f'.repeat(64) });
    expect(wrong.status).toBe(403);
    expect((await admin.get('/settings')).status).toBe(200);
  });

  it('refuses a token from another session', async () => {
    const a = await register(server);
    const b = await register(server);
    await a.browser.get('/settings');
    await b.browser.get('/settings');
    expect((await a.browser.post('/user/sessions/sign-out-everywhere', { _csrf: b.browser.csrf as string })).status).toBe(403);
  });
});

describe('headers', () => {
  it('sends helmet headers and a CSP that allows the data: QR image and no inline script', async () => {
    const { browser } = await register(server);
    const { page } = await startSetup(browser);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("script-src 'self'");
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(page.text).toMatch(/<img class="qr" src="data:image\/png;base64,/);
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('uses a __Host- session cookie with Secure and HSTS when served over https (behind a local TLS proxy)', async () => {
    const secure = await startServer({ secureCookies: true });
    try {
      const viaTls = new Browser(secure.url, { 'x-forwarded-proto': 'https' });
      const { email } = await register(secure, undefined, undefined, viaTls);
      await viaTls.get('/settings');
      await viaTls.post('/logout');
      await viaTls.get('/login');
      const res = await viaTls.post('/login', { email, password });
      const form = await new Browser(secure.url, { 'x-forwarded-proto': 'https' }).get('/login');
      const sessionCookie = res.setCookies.find((c) => c.startsWith('__Host-kf.sid='));
      const formCookie = form.setCookies.find((c) => c.startsWith('__Host-kf.csrf='));
      for (const cookie of [sessionCookie, formCookie]) {
        expect(cookie).toMatch(/; Path=\//);
        expect(cookie).toMatch(/; Secure/);
        expect(cookie).toMatch(/; HttpOnly/);
        expect(cookie).not.toMatch(/Domain=/i);
      }
      expect(form.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(form.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});

describe('cookies over https', () => {
  it('issues the remember-device cookie as __Host- with Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    const secure = await startServer({ secureCookies: true });
    try {
      const viaTls = () => new Browser(secure.url, { 'x-forwarded-proto': 'https' });
      const { browser, email } = await register(secure, undefined, undefined, viaTls());
      expect([...browser.cookies.keys()].sort()).toEqual(['__Host-kf.csrf', '__Host-kf.sid']);
      const { secret } = await enableTwoFactor(secure, browser);
      await browser.post('/logout');
      secure.clock.advance(30_000);
      const b = await passwordStep(secure, email, viaTls());
      const res = await b.post('/two-factor-challenge', { code: await totpAt(secret, secure.clock.now), remember_device: '1' });
      const cookie = res.setCookies.find((c) => c.startsWith('__Host-kf_remember='));
      for (const attr of [/; Secure/, /; HttpOnly/, /; SameSite=Lax/, /; Path=\/(;|$)/]) expect(cookie).toMatch(attr);
      expect(cookie).not.toMatch(/Domain=/i);
    } finally {
      await secure.close();
    }
  });
});

describe('logs and audit', () => {
  it('never logs or audits passwords, codes, recovery codes, secrets or tokens', async () => {
    const { email, secret, recoveryCodes } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    await b.post('/two-factor-challenge', { code: '000000' });
    await b.post('/two-factor-challenge', { recovery_code: recoveryCodes[0] as string });
    const code = await totpAt(secret, server.clock.now);
    const c = await passwordStep(server, email);
    await c.post('/two-factor-challenge', { code, remember_device: '1' });
    const logs = server.logs.join('\n');
    const audit = JSON.stringify(server.demo.ctx.db.prepare('SELECT * FROM audit_events').all());
    const notes = JSON.stringify(server.demo.ctx.db.prepare('SELECT * FROM notifications').all());
    for (const text of [logs, audit, notes]) {
      for (const secretThing of [password, secret, code, c.cookies.get('kf_remember') as string, ...recoveryCodes]) {
        expect(text).not.toContain(secretThing);
      }
      expect(text).not.toContain('password=');
    }
    expect(logs).toContain('POST /two-factor-challenge 303');
  });
});

describe('tampered secrets', () => {
  it('fails closed when a byte of the stored secret is flipped: a failed code, an alert, no 500', async () => {
    const { email, secret } = await twoFactorUser(server);
    const db = server.demo.ctx.db;
    const user = findUserByEmail(db, email);
    const blob = user?.totp_secret as string;
    const parts = blob.split(':');
    const ct = Buffer.from(parts[3] as string, 'base64url');
    ct[0] = (ct[0] as number) ^ 1;
    db.prepare('UPDATE users SET totp_secret = ? WHERE id = ?').run([...parts.slice(0, 3), ct.toString('base64url')].join(':'), user?.id);
    const b = await passwordStep(server, email);
    const res = await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    expect(res.status).toBe(422);
    expect(server.logs.some((l) => l.startsWith('ALERT') && l.includes(`user ${user?.id}`))).toBe(true);
  });

  it("fails closed when another user's secret blob is swapped into the row", async () => {
    const a = await twoFactorUser(server);
    const b = await twoFactorUser(server);
    const db = server.demo.ctx.db;
    const blobA = findUserByEmail(db, a.email)?.totp_secret;
    db.prepare('UPDATE users SET totp_secret = ? WHERE email = ?').run(blobA, b.email);
    const browser = await passwordStep(server, b.email);
    expect((await browser.post('/two-factor-challenge', { code: await totpAt(a.secret, server.clock.now) })).status).toBe(422);
  });

  it('keeps the encryption key out of DATA_DIR and the database, in a key file in KEY_DIR (0700, file 0600)', async () => {
    const { existsSync, readFileSync, statSync } = await import('node:fs');
    const keyDir = `${server.dataDir}-keys`;
    const key = readFileSync(`${keyDir}/secret.key`, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(keyDir).mode & 0o777).toBe(0o700);
    expect(statSync(`${keyDir}/secret.key`).mode & 0o777).toBe(0o600);
    expect(existsSync(`${server.dataDir}/secret.key`)).toBe(false);
    const db = readFileSync(`${server.dataDir}/keyfob-demo.sqlite`);
    expect(db.includes(Buffer.from(key))).toBe(false);
    expect(db.includes(Buffer.from(key, 'hex'))).toBe(false);
  });
});

describe('no GET changes state', () => {
  it('leaves 2FA, sessions and codes alone when every page is fetched with GET', async () => {
    const { email, secret } = await twoFactorUser(server);
    const b = new Browser(server.url);
    await passwordStep(server, email, b);
    await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    await confirmPassword(b);
    const before = JSON.stringify(findUserByEmail(server.demo.ctx.db, email));
    for (const path of ['/user/two-factor-authentication', '/user/two-factor-recovery-codes', '/logout', '/user/two-factor-authentication/disable', '/settings']) await b.get(path);
    expect(JSON.stringify(findUserByEmail(server.demo.ctx.db, email))).toBe(before);
    expect((await b.get('/settings')).status).toBe(200);
  });
});

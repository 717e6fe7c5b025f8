// Enabling two-factor: password confirmation first, QR and key, confirmation by code, recovery codes shown once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpauthUri } from '../../src/shared/index.ts';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { Browser } from './support/browser.ts';
import { adminBrowser, enableTwoFactor, password, register, signIn, startSetup, totpAt, uniqueEmail } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

let server: TestServer;
beforeAll(async () => { server = await startServer({ appName: 'Keyfob: Demo & Co' }); });
afterAll(async () => { await server.close(); });

function qrPayload(html: string): string {
  const src = /<img class="qr" src="(data:image\/png;base64,[^"]+)"/.exec(html)?.[1] as string;
  const png = PNG.sync.read(Buffer.from(src.split(',')[1] as string, 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
}

describe('starting setup', () => {
  it('asks for the password first and generates no secret without it', async () => {
    const { browser, email } = await register(server);
    await browser.get('/settings');
    const res = await browser.post('/user/two-factor-authentication');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/user/confirm-password?next=%2Fuser%2Ftwo-factor-authentication');
    expect(findUserByEmail(server.demo.ctx.db, email)?.totp_secret).toBeNull();
  });

  it('goes from the password confirmation straight to the QR code and key', async () => {
    const { browser } = await register(server);
    const { page, secret } = await startSetup(browser);
    expect(page.text).toContain('data-testid="two-factor-qr"');
    expect(page.text).toContain(`data-testid="two-factor-secret">${secret}<`);
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('encodes the issuer, e-mail and a 160-bit SHA1/6/30 secret in the QR, RFC 3986 encoded and without colons in the issuer', async () => {
    const email = uniqueEmail('qr');
    const { browser } = await register(server, email);
    const { page, secret } = await startSetup(browser);
    const uri = qrPayload(page.text);
    expect(uri.startsWith('otpauth://totp/Keyfob%20Demo%20%26%20Co:')).toBe(true);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Keyfob%20Demo%20%26%20Co');
    expect(uri).toContain('algorithm=SHA1&digits=6&period=30');
    expect(uri).not.toContain('=&');
    const account = parseOtpauthUri(uri);
    expect(account).toMatchObject({ issuer: 'Keyfob Demo & Co', account: email, secret, digits: 6, period: 30, algorithm: 'SHA1' });
  });

  it('keeps 2FA inactive until confirmed: sign-in asks no code, admins see it disabled, settings offers resume or cancel', async () => {
    const { browser, email } = await register(server);
    await startSetup(browser);
    const settings = await browser.get('/settings');
    expect(settings.text).toContain('Resume setup');
    expect(settings.text).toContain('Cancel setup');
    await browser.post('/logout');
    await signIn(server, email);
    const admin = await adminBrowser(server);
    expect((await admin.get('/admin/users?two_factor=enabled')).text).not.toContain(email);
    const row = new RegExp(`${email}</td><td>(\\w+)</td>`).exec((await admin.get('/admin/users?two_factor=all')).text);
    expect(row?.[1]).toBe('disabled');
  });

  it('replaces the secret when setup is restarted, so a code from the old QR no longer confirms', async () => {
    const { browser } = await register(server);
    const { secret: first } = await startSetup(browser);
    await browser.get('/settings');
    await browser.post('/user/two-factor-authentication');
    const second = /data-testid="two-factor-secret">([A-Z2-7]+)</.exec((await browser.get('/user/two-factor-authentication')).text)?.[1];
    expect(second).not.toBe(first);
    const res = await browser.post('/user/confirmed-two-factor-authentication', { code: await totpAt(first, server.clock.now) });
    expect(res.status).toBe(422);
  });

  it('resumes the same QR when the password confirmation lapsed during setup', async () => {
    const { browser } = await register(server);
    const { secret } = await startSetup(browser);
    server.clock.advance(16 * 60 * 1000);
    const res = await browser.post('/user/confirmed-two-factor-authentication', { code: await totpAt(secret, server.clock.now) });
    expect(res.location).toBe('/user/confirm-password?next=%2Fuser%2Ftwo-factor-authentication');
    await browser.get(res.location as string);
    const page = await browser.follow(browser.post('/user/confirm-password', { password, next: '/user/two-factor-authentication' }));
    expect(page.text).toContain(`data-testid="two-factor-secret">${secret}<`);
    const ok = await browser.post('/user/confirmed-two-factor-authentication', { code: await totpAt(secret, server.clock.now) });
    expect(ok.location).toBe('/user/two-factor-recovery-codes');
  });

  it('cancels a setup in progress', async () => {
    const { browser, email } = await register(server);
    await startSetup(browser);
    await browser.post('/user/two-factor-authentication/cancel');
    expect(findUserByEmail(server.demo.ctx.db, email)?.totp_secret).toBeNull();
    expect((await browser.get('/settings')).text).toContain('is <strong>disabled</strong>');
  });
});

describe('confirming setup', () => {
  it('says a wrong code is wrong, keeps setup open and counts the failure', async () => {
    const { browser, email } = await register(server);
    const { secret } = await startSetup(browser);
    const wrong = String((Number(await totpAt(secret, server.clock.now)) + 1) % 1_000_000).padStart(6, '0');
    const res = await browser.post('/user/confirmed-two-factor-authentication', { code: wrong });
    expect(res.status).toBe(422);
    expect(res.text).toContain('That code is not valid');
    expect(res.text).toContain(`data-testid="two-factor-secret">${secret}<`);
    const user = findUserByEmail(server.demo.ctx.db, email);
    expect(user?.totp_confirmed_at).toBeNull();
    expect(user?.second_factor_failures).toBe(1);
  });

  it.each(['', '12345', '1234567', '12a456', '١٢٣٤٥٦'])('refuses the malformed code %j with 422', async (code) => {
    const { browser } = await register(server);
    await startSetup(browser);
    const res = await browser.post('/user/confirmed-two-factor-authentication', { code });
    expect(res.status).toBe(422);
    expect(res.text).not.toMatch(/Error:|at .*\.ts:\d+/);
  });

  it('enables 2FA with a valid code and shows 8 recovery codes once, with Download and Copy', async () => {
    const { browser } = await register(server);
    const { recoveryCodes } = await enableTwoFactor(server, browser);
    expect(recoveryCodes).toHaveLength(8);
    for (const c of recoveryCodes) expect(c).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    const again = await browser.get('/user/two-factor-recovery-codes');
    expect(again.status).toBe(200);
    expect(again.text).not.toContain(recoveryCodes[0]);
    expect(again.text).toContain('8 of 8 codes unused');
    const settings = await browser.get('/settings');
    expect(settings.text).toContain('is <strong>enabled</strong>');
    expect(settings.text).toContain('Two-factor authentication was enabled');
  });

  it('offers the codes as a .txt download and a Copy button that tick "I have saved these codes"', async () => {
    const { browser } = await register(server);
    const { secret } = await startSetup(browser);
    const page = await browser.follow(browser.post('/user/confirmed-two-factor-authentication', { code: await totpAt(secret, server.clock.now) }));
    expect(page.text).toMatch(/download="recovery-codes.txt" href="data:text\/plain;charset=utf-8,/);
    expect(page.text).toContain('>Download<');
    expect(page.text).toContain('>Copy<');
    expect(page.text).toContain('I have saved these codes');
    const script = await browser.get('/static/app.js');
    expect(script.text).toContain('saved.checked = true');
  });

  it('refuses to start or confirm setup again while 2FA is enabled (409)', async () => {
    const { browser } = await register(server);
    await enableTwoFactor(server, browser);
    await browser.get('/settings');
    expect((await browser.post('/user/two-factor-authentication')).status).toBe(409);
    expect((await browser.post('/user/confirmed-two-factor-authentication', { code: '123456' })).status).toBe(409);
  });

  it('does not accept the confirming code again at the next sign-in (shared last step)', async () => {
    const { browser, email } = await register(server);
    const { secret } = await startSetup(browser);
    const code = await totpAt(secret, server.clock.now);
    await browser.post('/user/confirmed-two-factor-authentication', { code });
    await browser.post('/logout');
    const b = new Browser(server.url);
    await b.get('/login');
    await b.post('/login', { email, password });
    await b.get('/two-factor-challenge');
    const res = await b.post('/two-factor-challenge', { code });
    expect(res.status).toBe(422);
  });
});

describe('the secret at rest', () => {
  it('stores the secret as a versioned AES-GCM blob, never the base32 key', async () => {
    const { browser, email } = await register(server);
    const { secret } = await enableTwoFactor(server, browser);
    const stored = findUserByEmail(server.demo.ctx.db, email)?.totp_secret as string;
    expect(stored).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(stored).not.toContain(secret);
    const dump = JSON.stringify(server.demo.ctx.db.prepare('SELECT * FROM users').all());
    expect(dump).not.toContain(secret);
  });
});

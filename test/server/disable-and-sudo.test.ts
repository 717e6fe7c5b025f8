// Password confirmation (sudo), disabling 2FA, password change and signing out everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { Browser } from './support/browser.ts';
import { confirmPassword, password, passwordStep, register, signIn, signInWithTotp, totpAt, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

describe('password confirmation', () => {
  it('rejects a wrong password 5 times, then throttles per account with 429 even from another browser', async () => {
    const { browser, email } = await register(server);
    await browser.get('/user/confirm-password');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await browser.post('/user/confirm-password', { password: 'wrong password!' })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422]);
    expect((await browser.post('/user/confirm-password', { password })).status).toBe(429);
    const other = await signIn(server, email);
    await other.get('/user/confirm-password');
    const res = await other.post('/user/confirm-password', { password });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('regenerates the session id on confirmation', async () => {
    const { browser } = await register(server);
    const before = browser.cookies.get('kf.sid');
    await confirmPassword(browser);
    expect(browser.cookies.get('kf.sid')).not.toBe(before);
  });

  it('lasts 15 minutes, then sensitive actions ask again; it does not survive sign-out', async () => {
    const { email, secret } = await twoFactorUser(server);
    const browser = await signInWithTotp(server, email, secret);
    await confirmPassword(browser, '/user/two-factor-recovery-codes');
    expect((await browser.get('/user/two-factor-recovery-codes')).status).toBe(200);
    server.clock.advance(15 * 60 * 1000 + 1000);
    expect((await browser.get('/user/two-factor-recovery-codes')).location).toMatch(/^\/user\/confirm-password/);
    await confirmPassword(browser, '/user/two-factor-recovery-codes');
    await browser.get('/settings');
    await browser.post('/logout');
    server.clock.advance(30_000);
    await signInWithTotp(server, email, secret, browser);
    expect((await browser.get('/user/two-factor-recovery-codes')).location).toMatch(/^\/user\/confirm-password/);
  });

  it('refuses an off-site next address', async () => {
    const { browser } = await register(server);
    await browser.get('/user/confirm-password');
    const res = await browser.post('/user/confirm-password', { password, next: '//evil.example/' });
    expect(res.location).toBe('/settings');
  });
});

describe('disabling two-factor', () => {
  it('refuses without the right password and leaves 2FA on', async () => {
    const { email, secret } = await twoFactorUser(server);
    const b = await signInWithTotp(server, email, secret);
    expect((await b.post('/user/two-factor-authentication/disable', {})).status).toBe(422);
    const res = await b.post('/user/two-factor-authentication/disable', { password: 'wrong password!' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('still enabled');
    expect(findUserByEmail(server.demo.ctx.db, email)?.totp_confirmed_at).not.toBeNull();
  });

  it('takes effect at once: secret, codes and devices go, other sessions end, the user is told, the next sign-in asks no code', async () => {
    const { email, secret } = await twoFactorUser(server);
    const remembered = await passwordStep(server, email);
    await remembered.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now), remember_device: '1' });
    const rememberToken = remembered.cookies.get('kf_remember');
    server.clock.advance(30_000);
    const b = await signInWithTotp(server, email, secret);
    const res = await b.post('/user/two-factor-authentication/disable', { password });
    expect(res.location).toBe('/settings');
    const settings = await b.get('/settings');
    expect(settings.text).toContain('is <strong>disabled</strong>');
    expect(settings.text).toContain('Two-factor authentication was disabled');
    const user = findUserByEmail(server.demo.ctx.db, email);
    expect(user?.totp_secret).toBeNull();
    const db = server.demo.ctx.db;
    expect(db.prepare('SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ?').get(user?.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM remembered_devices WHERE user_id = ?').get(user?.id)).toEqual({ n: 0 });
    expect((await remembered.get('/settings')).location).toBe('/login');
    const fresh = new Browser(server.url);
    fresh.cookies.set('kf_remember', rememberToken as string);
    await signIn(server, email, fresh);
  });
});

describe('password change and signing out everywhere', () => {
  it('changes the password, ends other sessions and remembered devices, and keeps this one', async () => {
    const { email, secret } = await twoFactorUser(server);
    const remembered = await passwordStep(server, email);
    await remembered.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now), remember_device: '1' });
    server.clock.advance(30_000);
    const b = await signInWithTotp(server, email, secret);
    const newPassword = 'a much longer new password';
    const res = await b.post('/user/password', { current_password: password, password: newPassword, password_confirmation: newPassword });
    expect(res.location).toBe('/settings');
    expect((await b.get('/settings')).status).toBe(200);
    expect((await remembered.get('/settings')).location).toBe('/login');
    await remembered.get('/login');
    expect((await remembered.post('/login', { email, password: newPassword })).location).toBe('/two-factor-challenge');
  });

  it('refuses a password change with a wrong current password or a weak new one', async () => {
    const { browser } = await register(server);
    await browser.get('/settings');
    expect((await browser.post('/user/password', { current_password: 'nope nope nope', password: 'another long password', password_confirmation: 'another long password' })).status).toBe(422);
    await browser.get('/settings');
    expect((await browser.post('/user/password', { current_password: password, password: 'short', password_confirmation: 'short' })).status).toBe(422);
  });

  it('signs out every other session', async () => {
    const { browser, email } = await register(server);
    const other = await signIn(server, email);
    await browser.get('/settings');
    await browser.post('/user/sessions/sign-out-everywhere');
    expect((await browser.get('/settings')).status).toBe(200);
    expect((await other.get('/settings')).location).toBe('/login');
  });
});

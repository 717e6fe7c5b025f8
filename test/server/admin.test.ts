// Admin: the user list and its filter, a user's 2FA status, the 2FA reset and its audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { adminBrowser, confirmPassword, passwordStep, register, signIn, signInWithTotp, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

describe('access', () => {
  it('answers 403 to a non-admin for the list, the filter, a user page and the reset', async () => {
    const { browser } = await register(server);
    await confirmPassword(browser);
    for (const path of ['/admin/users', '/admin/users?two_factor=enabled', '/admin/users/1']) {
      expect((await browser.get(path)).status, path).toBe(403);
    }
    await browser.get('/settings');
    expect((await browser.post('/admin/users/1/two-factor/reset')).status).toBe(403);
  });

  it.each(['yes', "enabled' OR 1=1 --", ''])('answers 400 to the filter value %j', async (value) => {
    const admin = await adminBrowser(server);
    expect((await admin.get(`/admin/users?two_factor=${encodeURIComponent(value)}`)).status).toBe(400);
  });

  it.each(['0', 'abc', '99999999', '1e3', '-1'])('answers 404 for the user id %j', async (id) => {
    const admin = await adminBrowser(server);
    expect((await admin.get(`/admin/users/${id}`)).status).toBe(404);
  });
});

describe('the user list and status', () => {
  it('filters by confirmed 2FA: pending setups count as disabled', async () => {
    const on = await twoFactorUser(server);
    const { browser: pendingBrowser, email: pending } = await register(server);
    await pendingBrowser.get('/settings');
    await pendingBrowser.post('/user/two-factor-authentication');
    const { email: off } = await register(server);
    const admin = await adminBrowser(server);
    const enabled = (await admin.get('/admin/users?two_factor=enabled')).text;
    const disabled = (await admin.get('/admin/users?two_factor=disabled')).text;
    const all = (await admin.get('/admin/users')).text;
    expect(enabled).toContain(on.email);
    expect(enabled).not.toContain(off);
    expect(enabled).not.toContain(pending);
    expect(disabled).toContain(off);
    expect(disabled).not.toContain(on.email);
    for (const e of [on.email, off]) expect(all).toContain(e);
  });

  it('shows 2FA status, codes left and the last sign-in with its method, and never the secret or codes', async () => {
    const { email, secret, recoveryCodes } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    await b.post('/two-factor-challenge', { recovery_code: recoveryCodes[0] as string });
    const id = findUserByEmail(server.demo.ctx.db, email)?.id;
    const admin = await adminBrowser(server);
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.text).toContain('data-testid="two-factor-status">enabled<');
    expect(page.text).toContain('password + recovery code');
    expect(page.text).toContain('recovery_code.used');
    expect(page.text).not.toContain(secret);
    for (const c of recoveryCodes) expect(page.text).not.toContain(c);
  });
});

describe('reset', () => {
  it('needs the admin to confirm their password first', async () => {
    const { email } = await twoFactorUser(server);
    const id = findUserByEmail(server.demo.ctx.db, email)?.id;
    const admin = await adminBrowser(server);
    server.clock.advance(16 * 60 * 1000);
    await admin.get(`/admin/users/${id}`);
    const res = await admin.post(`/admin/users/${id}/two-factor/reset`);
    expect(res.location).toBe(`/user/confirm-password?next=%2Fadmin%2Fusers%2F${id}`);
    expect(findUserByEmail(server.demo.ctx.db, email)?.totp_secret).not.toBeNull();
  });

  it('wipes secret, codes and devices, ends the user\'s sessions, tells them and audits the admin', async () => {
    const { email, secret } = await twoFactorUser(server);
    const victim = await signInWithTotp(server, email, secret);
    const id = findUserByEmail(server.demo.ctx.db, email)?.id as number;
    const admin = await adminBrowser(server);
    await admin.get(`/admin/users/${id}`);
    const res = await admin.post(`/admin/users/${id}/two-factor/reset`);
    expect(res.location).toBe(`/admin/users/${id}`);
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.text).toContain('two_factor.reset_by_admin');
    expect(page.text).toContain('by admin@example.test');
    const adminId = findUserByEmail(server.demo.ctx.db, 'admin@example.test')?.id;
    expect(server.demo.ctx.db.prepare("SELECT actor_id FROM audit_events WHERE user_id = ? AND action = 'two_factor.reset_by_admin'").get(id)).toEqual({ actor_id: adminId });
    const user = findUserByEmail(server.demo.ctx.db, email);
    expect(user?.totp_secret).toBeNull();
    expect(server.demo.ctx.db.prepare('SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ?').get(id)).toEqual({ n: 0 });
    expect((await victim.get('/settings')).location).toBe('/login');
    const back = await signIn(server, email);
    expect((await back.get('/settings')).text).toContain('An administrator reset two-factor authentication');
  });

  it('answers 404 for resetting a user who does not exist', async () => {
    const admin = await adminBrowser(server);
    await admin.get('/admin/users');
    expect((await admin.post('/admin/users/424242/two-factor/reset')).status).toBe(404);
  });
});

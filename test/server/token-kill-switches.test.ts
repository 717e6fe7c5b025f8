// Every kill switch (password change and reset, sign out everywhere, 2FA disable, admin reset) ends personal access
// tokens and API sign-in tokens issued before it; a token issued afterwards works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { Browser, getJson, postJson } from './support/browser.ts';
import { adminBrowser, confirmPassword, password, register, signIn, signInWithTotp, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

const newPassword = 'another long passphrase';
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const meStatus = async (token: string) => (await getJson(server.url, '/api/v1/me', bearer(token))).status;

/** Creates a personal access token through the settings page (with a fresh password confirmation) and reads it once. */
async function createPersonalToken(browser: Browser, pw = password): Promise<string> {
  await browser.get('/user/confirm-password?next=%2Fsettings');
  await browser.post('/user/confirm-password', { password: pw, next: '/settings' });
  // Confirmation rotates the session and with it the form token: read a fresh one.
  await browser.get('/settings');
  const created = await browser.post('/user/api-tokens', { name: 'ci' });
  expect(created.status, created.text).toBe(303);
  const page = await browser.get('/settings');
  const token = /data-testid="new-api-token">([^<]+)</.exec(page.text)?.[1];
  expect(token).toMatch(/^kfp_/);
  return token as string;
}

/** An API sign-in token for a user without 2FA. */
async function apiSignInToken(email: string, pw = password): Promise<string> {
  const res = await postJson(server.url, '/api/v1/sign-in', { email, password: pw });
  expect(res.status).toBe(200);
  return res.json.token as string;
}

function lastNotice(email: string): string {
  const user = findUserByEmail(server.demo.ctx.db, email);
  const row = server.demo.ctx.db.prepare('SELECT message FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 1').get(user?.id) as { message: string };
  return row.message;
}

describe('personal access tokens and kill switches', () => {
  it('a password change revokes tokens made before it, says so, and a token made after works', async () => {
    const { browser, email } = await register(server);
    const before = await createPersonalToken(browser);
    const signInToken = await apiSignInToken(email);
    expect(await meStatus(before)).toBe(200);
    await browser.get('/settings');
    const changed = await browser.post('/user/password', { current_password: password, password: newPassword, password_confirmation: newPassword });
    expect(changed.status).toBe(303);
    const settings = await browser.get('/settings');
    expect(settings.text).toContain('Your personal access token was revoked.');
    expect(lastNotice(email)).toContain('Your personal access token was revoked.');
    expect(await meStatus(before)).toBe(401);
    expect(await meStatus(signInToken)).toBe(401);
    const after = await createPersonalToken(browser, newPassword);
    expect(await meStatus(after)).toBe(200);
  });

  it('a password reset by link revokes tokens made before it, and a token made after works', async () => {
    const { browser, email } = await register(server);
    const before = await createPersonalToken(browser);
    const signInToken = await apiSignInToken(email);
    const anon = new Browser(server.url);
    await anon.get('/forgot-password');
    await anon.post('/forgot-password', { email });
    const mails = readFileSync(join(server.mailDir, 'outbox.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string; kind: string; message: string });
    const link = mails.filter((m) => m.to === email && m.kind === 'password_reset_link').at(-1)?.message ?? '';
    const token = /token=([A-Za-z0-9_-]+)/.exec(link)?.[1] as string;
    await anon.get(`/reset-password?token=${token}`);
    const done = await anon.post('/reset-password', { token, password: newPassword, password_confirmation: newPassword });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your personal access token was revoked.');
    expect(lastNotice(email)).toContain('Your personal access token was revoked.');
    expect(await meStatus(before)).toBe(401);
    expect(await meStatus(signInToken)).toBe(401);
    const again = new Browser(server.url);
    await again.get('/login');
    expect((await again.post('/login', { email, password: newPassword })).location).toBe('/settings');
    const after = await createPersonalToken(again, newPassword);
    expect(await meStatus(after)).toBe(200);
  });

  it('"sign out everywhere" revokes tokens made before it, says so, and a token made after works', async () => {
    const { browser, email } = await register(server);
    const first = await createPersonalToken(browser);
    const second = await createPersonalToken(browser);
    const signInToken = await apiSignInToken(email);
    await browser.get('/settings');
    expect((await browser.post('/user/sessions/sign-out-everywhere')).status).toBe(303);
    expect((await browser.get('/settings')).text).toContain('All 2 of your personal access tokens were revoked.');
    expect(lastNotice(email)).toContain('All 2 of your personal access tokens were revoked.');
    expect(await meStatus(first)).toBe(401);
    expect(await meStatus(second)).toBe(401);
    expect(await meStatus(signInToken)).toBe(401);
    const after = await createPersonalToken(browser);
    expect(await meStatus(after)).toBe(200);
  });

  it('disabling 2FA revokes tokens made before it, and a token made after works', async () => {
    const { email, secret } = await twoFactorUser(server);
    const browser = await signInWithTotp(server, email, secret);
    const before = await createPersonalToken(browser);
    await browser.get('/settings');
    expect((await browser.post('/user/two-factor-authentication/disable', { password })).status).toBe(303);
    expect((await browser.get('/settings')).text).toContain('Your personal access token was revoked.');
    expect(lastNotice(email)).toContain('Your personal access token was revoked.');
    expect(await meStatus(before)).toBe(401);
    const after = await createPersonalToken(browser);
    expect(await meStatus(after)).toBe(200);
  });

  it("an admin's 2FA reset revokes the user's tokens made before it, and a token made after works", async () => {
    const { email, secret } = await twoFactorUser(server);
    const browser = await signInWithTotp(server, email, secret);
    const before = await createPersonalToken(browser);
    const admin = await adminBrowser(server);
    const id = findUserByEmail(server.demo.ctx.db, email)?.id as number;
    await admin.get(`/admin/users/${id}`);
    const reset = await admin.post(`/admin/users/${id}/two-factor/reset`);
    expect(reset.status, reset.text).toBe(303);
    expect((await admin.get(`/admin/users/${id}`)).text).toContain('1 personal access token(s) revoked');
    expect(lastNotice(email)).toContain('Your personal access token was revoked.');
    expect(await meStatus(before)).toBe(401);
    const again = await signIn(server, email);
    const after = await createPersonalToken(again);
    expect(await meStatus(after)).toBe(200);
  });

  it('revoking tokens leaves other users\' tokens alone', async () => {
    const a = await register(server);
    const b = await register(server);
    const aToken = await createPersonalToken(a.browser);
    const bToken = await createPersonalToken(b.browser);
    await a.browser.get('/settings');
    await a.browser.post('/user/sessions/sign-out-everywhere');
    expect(await meStatus(aToken)).toBe(401);
    expect(await meStatus(bToken)).toBe(200);
  });
});

describe('the settings page', () => {
  it('says beside the tokens which actions revoke them', async () => {
    const { browser } = await register(server);
    await confirmPassword(browser);
    const page = await browser.get('/settings');
    expect(page.text).toContain('data-testid="token-kill-switches"');
    expect(page.text).toContain('revoke every personal access token');
  });
});

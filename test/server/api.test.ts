// JSON API: sign-in, the single-use challenge, shared replay state and lock, and personal access tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { getJson, postJson } from './support/browser.ts';
import { confirmPassword, password, passwordStep, register, signInWithTotp, totpAt, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

async function apiChallenge(email: string): Promise<string> {
  const res = await postJson(server.url, '/api/v1/sign-in', { email, password });
  expect(res.json).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
  return res.json.challenge as string;
}

describe('API sign-in', () => {
  it('answers a token for a user without 2FA, and the token reads /api/v1/me', async () => {
    const { email } = await register(server);
    const res = await postJson(server.url, '/api/v1/sign-in', { email, password });
    expect(res.status).toBe(200);
    const token = res.json.token as string;
    expect(token).toMatch(/^kfs_/);
    const me = await getJson(server.url, '/api/v1/me', bearer(token));
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ email, twoFactorEnabled: false });
  });

  it('answers the same 401 for an unknown e-mail and a wrong password', async () => {
    const { email } = await register(server);
    const a = await postJson(server.url, '/api/v1/sign-in', { email, password: 'wrong password!' });
    const b = await postJson(server.url, '/api/v1/sign-in', { email: 'nobody-api@example.test', password: 'wrong password!' });
    expect(a.status).toBe(401);
    expect(b).toMatchObject({ status: 401, json: a.json });
  });

  it.each([
    ['no body', ''], ['a JSON array', '["a"]'], ['numbers', '{"email":1,"password":2}'], ['broken JSON', '{"email":'],
  ])('refuses %s with 400 and a JSON error', async (_what, body) => {
    const res = await postJson(server.url, '/api/v1/sign-in', body);
    expect(res.status).toBe(400);
    expect(res.json.error).toBeTypeOf('string');
  });

  it('refuses a form body with 415 and a 1 MB body with 413', async () => {
    const form = await fetch(`${server.url}/api/v1/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b' });
    expect(form.status).toBe(415);
    const big = await postJson(server.url, '/api/v1/sign-in', { email: 'a@example.test', password: 'x'.repeat(1024 * 1024) });
    expect(big.status).toBe(413);
  });
});

describe('API two-factor challenge', () => {
  it('gives a 2FA user only a challenge, which is no Bearer token', async () => {
    const { email } = await twoFactorUser(server);
    const challenge = await apiChallenge(email);
    expect((await getJson(server.url, '/api/v1/me', bearer(challenge))).status).toBe(401);
  });

  it('exchanges the challenge and a code for a token, once', async () => {
    const { email, secret } = await twoFactorUser(server);
    const challenge = await apiChallenge(email);
    const ok = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge, code: await totpAt(secret, server.clock.now) });
    expect(ok.status).toBe(200);
    expect((await getJson(server.url, '/api/v1/me', bearer(ok.json.token as string))).json).toMatchObject({ email, twoFactorEnabled: true });
    server.clock.advance(30_000);
    const again = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge, code: await totpAt(secret, server.clock.now) });
    expect(again.status).toBe(401);
    expect(findUserByEmail(server.demo.ctx.db, email)?.last_sign_in_method).toBe('api_totp');
  });

  it('rejects a challenge after 5 minutes with the same answer as a wrong code', async () => {
    const { email, secret } = await twoFactorUser(server);
    const challenge = await apiChallenge(email);
    const wrong = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge, code: '000000' });
    server.clock.advance(5 * 60 * 1000 + 1000);
    const expired = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge, code: await totpAt(secret, server.clock.now) });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual(wrong.json);
  });

  it("rejects user A's challenge with user B's code", async () => {
    const a = await twoFactorUser(server);
    const b = await twoFactorUser(server);
    const challenge = await apiChallenge(a.email);
    expect((await postJson(server.url, '/api/v1/verify-2fa-code', { challenge, code: await totpAt(b.secret, server.clock.now) })).status).toBe(401);
  });

  it('kills a challenge after 5 attempts, and the account lock still applies', async () => {
    const { email, secret } = await twoFactorUser(server);
    const challenge = await apiChallenge(email);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postJson(server.url, '/api/v1/verify-2fa-code', { challenge, code: '000000' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const dead = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge, code: await totpAt(secret, server.clock.now) });
    expect(dead.status).toBe(401);
    const web = await passwordStep(server, email);
    expect((await web.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) })).status).toBe(429);
  });

  it('shares replay state with the web challenge: a code used on the web fails on the API', async () => {
    const { email, secret } = await twoFactorUser(server);
    const code = await totpAt(secret, server.clock.now);
    const web = await passwordStep(server, email);
    expect((await web.post('/two-factor-challenge', { code })).location).toBe('/settings');
    const challenge = await apiChallenge(email);
    expect((await postJson(server.url, '/api/v1/verify-2fa-code', { challenge, code })).status).toBe(401);
  });

  it('accepts a recovery code once and answers its replacement with the token', async () => {
    const { email, recoveryCodes } = await twoFactorUser(server);
    const res = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge: await apiChallenge(email), recovery_code: recoveryCodes[0] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token: expect.stringMatching(/^kfs_/), recoveryCodesRemaining: 8, replacementRecoveryCode: expect.stringMatching(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/) });
    const again = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge: await apiChallenge(email), recovery_code: recoveryCodes[0] });
    expect(again.status).toBe(401);
  });

  it.each([[123456], [['123456']], [{ $ne: '' }], [null]])('refuses the code %j with 401, never 500', async (code) => {
    const { email } = await twoFactorUser(server);
    const challenge = await apiChallenge(email);
    expect((await postJson(server.url, '/api/v1/verify-2fa-code', { challenge, code })).status).toBe(401);
  });
});

describe('personal access tokens', () => {
  async function createToken(): Promise<{ token: string; email: string; browser: Awaited<ReturnType<typeof signInWithTotp>> }> {
    const { email, secret } = await twoFactorUser(server);
    const browser = await signInWithTotp(server, email, secret);
    const noSudo = await browser.post('/user/api-tokens', { name: 'ci' });
    expect(noSudo.location).toMatch(/^\/user\/confirm-password/);
    await confirmPassword(browser);
    await browser.get('/settings');
    await browser.post('/user/api-tokens', { name: 'ci' });
    const page = await browser.get('/settings');
    const token = /data-testid="new-api-token">([^<]+)</.exec(page.text)?.[1] as string;
    expect(token).toMatch(/^kfp_[\w-]{43}_[\w-]{6}$/);
    expect((await browser.get('/settings')).text).not.toContain(token);
    return { token, email, browser };
  }

  it('needs a fresh password to create, is shown once, stored hashed, and authenticates without 2FA', async () => {
    const { token, email } = await createToken();
    const me = await getJson(server.url, '/api/v1/me', bearer(token));
    expect(me).toMatchObject({ status: 200, json: { email } });
    const dump = JSON.stringify(server.demo.ctx.db.prepare('SELECT * FROM api_tokens').all());
    expect(dump).not.toContain(token);
  });

  it('answers 401 once revoked, and for a wrong checksum or an unknown token', async () => {
    const { token, browser } = await createToken();
    const id = /action="\/user\/api-tokens\/(\d+)\/revoke"/.exec((await browser.get('/settings')).text)?.[1];
    await browser.post(`/user/api-tokens/${id}/revoke`);
    expect((await getJson(server.url, '/api/v1/me', bearer(token))).status).toBe(401);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await getJson(server.url, '/api/v1/me', bearer(flipped))).status).toBe(401);
    expect((await getJson(server.url, '/api/v1/me', bearer('kfp_unknown'))).status).toBe(401);
    expect((await getJson(server.url, '/api/v1/me')).status).toBe(401);
  });

  it('cannot manage 2FA or reset it as an admin: those routes want a browser session', async () => {
    const { token } = await createToken();
    for (const path of ['/user/two-factor-authentication', '/user/two-factor-authentication/disable', '/user/two-factor-recovery-codes', '/admin/users/1/two-factor/reset']) {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' }, body: `password=${encodeURIComponent(password)}` });
      expect(res.status, path).toBe(403);
    }
  });
});

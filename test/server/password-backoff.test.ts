// Per-account password back-off: guessing from many addresses meets a growing wait, while the real user's remembered
// browser still signs in, unknown addresses answer like known ones, and the wait always ends.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, postJson, type Page } from './support/browser.ts';
import { password, passwordStep, register, signIn, totpAt, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
// The per-IP limiter is set far above anything here: only the per-account back-off can answer 429.
beforeAll(async () => { server = await startServer({ clientRateLimit: 100_000 }); });
afterAll(async () => { await server.close(); });

const wrong = 'not the password at all';

/** Each attempt from a fresh browser, as an attacker rotating addresses and cookies would send it. */
async function loginFromNewBrowser(email: string, pw: string, browser = new Browser(server.url)): Promise<Page> {
  await browser.get('/login');
  return browser.post('/login', { email, password: pw });
}

async function failLogins(email: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await loginFromNewBrowser(email, wrong)).status);
  return statuses;
}

/** A page's words without the per-request parts (form token, echoed address). */
function words(p: Page, email: string): string {
  return p.text.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(email, 'EMAIL');
}

describe('sign-in by form', () => {
  it('waits after 5 failures: even the right password from a fresh browser is told, honestly, to wait', async () => {
    const { email } = await register(server);
    expect(await failLogins(email, 5)).toEqual([401, 401, 401, 401, 401]);
    const right = await loginFromNewBrowser(email, password);
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('1');
    expect(right.text).toContain('no password is checked, not even the right one');
    expect(right.location).toBeNull();
  });

  it('grows the wait with each failure after it ends, forgets it on success', async () => {
    const { email } = await register(server);
    await failLogins(email, 5);
    server.clock.advance(1000);
    expect((await loginFromNewBrowser(email, wrong)).status).toBe(401);
    const second = await loginFromNewBrowser(email, password);
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '2']);
    server.clock.advance(2000);
    expect((await loginFromNewBrowser(email, wrong)).status).toBe(401);
    expect((await loginFromNewBrowser(email, password)).headers.get('retry-after')).toBe('4');
    server.clock.advance(4000);
    expect((await loginFromNewBrowser(email, password)).location).toBe('/settings');
    // The count started again: four more failures cost nothing, the fifth starts a one-second wait.
    expect(await failLogins(email, 5)).toEqual([401, 401, 401, 401, 401]);
    expect((await loginFromNewBrowser(email, password)).headers.get('retry-after')).toBe('1');
  });

  it('caps the wait at 15 minutes', async () => {
    const { email } = await register(server);
    let last: Page | null = null;
    for (let i = 0; i < 16; i++) {
      await loginFromNewBrowser(email, wrong);
      last = await loginFromNewBrowser(email, wrong);
      server.clock.advance(Number(last.headers.get('retry-after') ?? 0) * 1000);
    }
    await loginFromNewBrowser(email, wrong);
    const capped = await loginFromNewBrowser(email, password);
    expect(capped.status).toBe(429);
    expect(Number(capped.headers.get('retry-after'))).toBe(15 * 60);
    server.clock.advance(15 * 60 * 1000);
    expect((await loginFromNewBrowser(email, password)).location).toBe('/settings');
  });

  it("lets the real user's remembered browser sign in at once while the account waits", async () => {
    const { email, secret } = await twoFactorUser(server);
    const mine = await passwordStep(server, email);
    await mine.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now), remember_device: '1' });
    await mine.get('/settings');
    await mine.post('/logout');
    expect(await failLogins(email, 5)).toEqual([401, 401, 401, 401, 401]);
    expect((await loginFromNewBrowser(email, password)).status).toBe(429);
    const back = await loginFromNewBrowser(email, password, mine);
    expect(back.location).toBe('/settings');
    // Still no skip of the password itself, and the attacker still waits.
    expect((await loginFromNewBrowser(email, password)).status).toBe(429);
  });

  it('gives a stolen remember-device cookie a back-off of its own', async () => {
    const { email, secret } = await twoFactorUser(server);
    const thief = await passwordStep(server, email);
    await thief.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now), remember_device: '1' });
    await thief.get('/settings');
    await thief.post('/logout');
    for (let i = 0; i < 5; i++) expect((await loginFromNewBrowser(email, wrong, thief)).status).toBe(401);
    expect((await loginFromNewBrowser(email, password, thief)).status).toBe(429);
  });

  it('counts concurrent guesses before hashing them: a burst of 12 gets at most 5 password checks', async () => {
    const { email } = await register(server);
    const browsers = await Promise.all(Array.from({ length: 12 }, async () => { const b = new Browser(server.url); await b.get('/login'); return b; }));
    const statuses = (await Promise.all(browsers.map((b) => b.post('/login', { email, password: wrong })))).map((p) => p.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('answers an unknown e-mail exactly as a known one, before and during the wait, and stores no address', async () => {
    const { email } = await register(server);
    const unknown = `nobody-${Date.now()}@example.test`;
    const known: Page[] = [];
    const other: Page[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await loginFromNewBrowser(email, wrong));
      other.push(await loginFromNewBrowser(unknown, wrong));
    }
    expect(known.map((p) => p.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(other.map((p) => p.status)).toEqual(known.map((p) => p.status));
    expect(other.map((p) => p.headers.get('retry-after'))).toEqual(known.map((p) => p.headers.get('retry-after')));
    expect(words(other[5] as Page, unknown)).toBe(words(known[5] as Page, email));
    expect(words(other[0] as Page, unknown)).toBe(words(known[0] as Page, email));
    const keys = server.demo.ctx.db.prepare('SELECT account_key FROM password_failures').all() as { account_key: string }[];
    expect(keys.length).toBeGreaterThan(0);
    for (const { account_key } of keys) expect(account_key).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('sign-in by API', () => {
  it('shares the back-off with the form: failures on either make both wait, with the same answer for unknown e-mails', async () => {
    const { email } = await register(server);
    const unknown = `nobody-api-${Date.now()}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postJson(server.url, '/api/v1/sign-in', { email, password: wrong })).status);
    statuses.push(...await failLogins(email, 2));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const api = await postJson(server.url, '/api/v1/sign-in', { email, password });
    expect(api.status).toBe(429);
    expect(api.headers.get('retry-after')).toBe('1');
    expect(api.json.error).toBe('password_backoff');
    expect((await loginFromNewBrowser(email, password)).status).toBe(429);
    for (let i = 0; i < 5; i++) await postJson(server.url, '/api/v1/sign-in', { email: unknown, password: wrong });
    const none = await postJson(server.url, '/api/v1/sign-in', { email: unknown, password });
    expect({ status: none.status, retry: none.headers.get('retry-after'), json: none.json }).toEqual({ status: 429, retry: '1', json: api.json });
    server.clock.advance(1000);
    expect((await postJson(server.url, '/api/v1/sign-in', { email, password })).status).toBe(200);
  });
});

describe('password confirmation', () => {
  it('backs off the same way on a signed-in session, and strangers failing sign-in do not slow it down', async () => {
    const { email } = await register(server);
    const browser = await signIn(server, email);
    await failLogins(email, 5);
    await browser.get('/user/confirm-password');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await browser.post('/user/confirm-password', { password: wrong })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422]);
    const waiting = await browser.post('/user/confirm-password', { password });
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBe('1');
    expect(waiting.text).toContain('no password is checked, not even the right one');
    server.clock.advance(1000);
    expect((await browser.post('/user/confirm-password', { password, next: '/settings' })).location).toBe('/settings');
  });

  it('backs off on the password change form too, which shares the confirmation count', async () => {
    const { browser } = await register(server);
    await browser.get('/settings');
    for (let i = 0; i < 5; i++) {
      expect((await browser.post('/user/password', { current_password: wrong, password: 'a new long passphrase', password_confirmation: 'a new long passphrase' })).status).toBe(422);
    }
    await browser.get('/user/confirm-password');
    expect((await browser.post('/user/confirm-password', { password })).status).toBe(429);
  });
});

describe('password reset', () => {
  it('lifts the wait for the mailbox owner', async () => {
    const { email } = await register(server);
    await failLogins(email, 5);
    expect((await loginFromNewBrowser(email, password)).status).toBe(429);
    const anon = new Browser(server.url);
    await anon.get('/forgot-password');
    await anon.post('/forgot-password', { email });
    const mails = readFileSync(join(server.mailDir, 'outbox.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string; kind: string; message: string });
    const token = /token=([A-Za-z0-9_-]+)/.exec(mails.filter((m) => m.to === email && m.kind === 'password_reset_link').at(-1)?.message ?? '')?.[1] as string;
    await anon.get(`/reset-password?token=${token}`);
    const fresh = 'a fresh long passphrase';
    expect((await anon.post('/reset-password', { token, password: fresh, password_confirmation: fresh })).status).toBe(200);
    expect((await loginFromNewBrowser(email, fresh)).location).toBe('/settings');
  });
});

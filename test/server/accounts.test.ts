// Register, sign in, sign out, bad input on the account forms, cookies and persistence across a restart.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from './support/browser.ts';
import { password, passwordStep, register, signIn, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

describe('registration', () => {
  it('registers a user, signs them in and shows the settings page with a two-factor section', async () => {
    const { browser } = await register(server);
    const settings = await browser.get('/settings');
    expect(settings.status).toBe(200);
    expect(settings.text).toContain('Two-factor authentication');
    expect(settings.text).toContain('Enable two-factor authentication');
    expect(settings.text).toContain('data-testid="two-factor-status"');
  });

  it.each([
    ['a missing name', { email: 'x@example.test', password, password_confirmation: password }, 'Enter your name'],
    ['an invalid e-mail', { name: 'A', email: 'not-an-email', password, password_confirmation: password }, 'valid e-mail'],
    ['an oversized e-mail', { name: 'A', email: `${'a'.repeat(300)}@example.test`, password, password_confirmation: password }, 'valid e-mail'],
    ['a weak password', { name: 'A', email: 'weak@example.test', password: 'short', password_confirmation: 'short' }, 'at least 10 characters'],
    ['a common password', { name: 'A', email: 'common@example.test', password: 'password123', password_confirmation: 'password123' }, 'too common'],
    ['mismatched passwords', { name: 'A', email: 'mm@example.test', password, password_confirmation: `${password}!` }, 'do not match'],
    ['an oversized name', { name: 'N'.repeat(101), email: 'n@example.test', password, password_confirmation: password }, 'Enter your name'],
  ])('refuses %s with a 422 and a clear message', async (_what, fields, message) => {
    const b = new Browser(server.url);
    await b.get('/register');
    const res = await b.post('/register', fields);
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('makes no second account with the same e-mail in any letter case (the answer is in registration-enumeration.test.ts)', async () => {
    const { email } = await register(server);
    const b = new Browser(server.url);
    await b.get('/register');
    const res = await b.post('/register', { name: 'B', email: email.toUpperCase(), password: `${password}!`, password_confirmation: `${password}!` });
    expect(res.status).toBe(200);
    expect(server.demo.ctx.db.prepare('SELECT COUNT(*) AS n FROM users WHERE email = ?').get(email)).toEqual({ n: 1 });
    await signIn(server, email);
  });
});

describe('sign-in', () => {
  it('signs a user without two-factor straight in and out again', async () => {
    const { email, browser: first } = await register(server);
    await first.post('/logout');
    const b = await signIn(server, email);
    expect((await b.get('/settings')).status).toBe(200);
    const out = await b.post('/logout');
    expect(out.location).toBe('/login');
    expect((await b.get('/settings')).location).toBe('/login');
  });

  it('answers an unknown e-mail and a wrong password with the same status and page', async () => {
    const { email } = await register(server);
    const wrong = new Browser(server.url);
    await wrong.get('/login');
    const a = await wrong.post('/login', { email, password: 'wrong password here' });
    const unknown = new Browser(server.url);
    await unknown.get('/login');
    const b = await unknown.post('/login', { email: 'nobody-here@example.test', password: 'wrong password here' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    const strip = (t: string) => t.replace(/name="_csrf" value="[^"]+"/g, '').replace(/value="[^"]*@example.test"/, '');
    expect(strip(a.text)).toBe(strip(b.text));
  });

  it('re-renders the sign-in form with 422 for missing fields', async () => {
    const b = new Browser(server.url);
    await b.get('/login');
    const res = await b.post('/login', { email: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter your e-mail address and password.');
  });

  it('gives a new session id at sign-in, so a planted session id is never upgraded', async () => {
    const { email, browser: first } = await register(server);
    await first.post('/logout');
    // The attacker's own half-finished sign-in (a live pending session) planted in the victim's browser.
    const attacker = await twoFactorUser(server);
    const before = (await passwordStep(server, attacker.email)).cookies.get('kf.sid');
    const b = new Browser(server.url);
    b.cookies.set('kf.sid', before as string);
    await b.get('/login');
    await b.post('/login', { email, password });
    const after = b.cookies.get('kf.sid');
    expect(before).toBeDefined();
    expect(after).not.toBe(before);
    expect((await b.get('/settings')).status).toBe(200);
    const planted = new Browser(server.url);
    planted.cookies.set('kf.sid', before as string);
    expect((await planted.get('/settings')).location).toBe('/login');
  });

  it('sets the session and form cookies HttpOnly, SameSite=Lax, Path=/ and without Domain on plain-http loopback', async () => {
    const { email, browser } = await register(server);
    await browser.post('/logout');
    const b = new Browser(server.url);
    const form = await b.get('/login');
    const signedIn = await b.post('/login', { email, password });
    for (const cookie of [form.setCookies.find((c) => c.startsWith('kf.csrf=')), signedIn.setCookies.find((c) => c.startsWith('kf.sid='))]) {
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      expect(cookie).not.toMatch(/Secure/);
    }
  });
});

describe('bad requests', () => {
  it('answers a 1 MB form body with 413 and a clear page, not a crash', async () => {
    const b = new Browser(server.url);
    await b.get('/login');
    const res = await b.post('/login', { email: 'a@example.test', password: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('too large');
    expect((await b.get('/login')).status).toBe(200);
  });

  it('answers JSON sent to a form route with 415', async () => {
    const b = new Browser(server.url);
    await b.get('/login');
    const res = await b.request('POST', '/login', { body: JSON.stringify({ email: 'a@example.test', password, _csrf: b.csrf }), contentType: 'application/json' });
    expect(res.status).toBe(415);
  });

  it('treats repeated or oversized form fields as missing rather than failing', async () => {
    const b = new Browser(server.url);
    await b.get('/login');
    const res = await b.post('/login', { email: ['a@example.test', 'b@example.test'], password });
    expect(res.status).toBe(422);
  });

  it('answers unknown pages with 404', async () => {
    const res = await new Browser(server.url).get('/no/such/page');
    expect(res.status).toBe(404);
  });
});

describe('per-client limiter', () => {
  it('answers 429 with Retry-After once one client exceeds its sign-in attempts', async () => {
    const limited = await startServer({ clientRateLimit: 3 });
    try {
      const b = new Browser(limited.url);
      await b.get('/login');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await b.post('/login', { email: 'nobody@example.test', password: 'wrong password!' })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const res = await b.post('/login', { email: 'nobody@example.test', password: 'wrong password!' });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.text).toContain('Too many attempts');
    } finally {
      await limited.close();
    }
  });
});

describe('persistence', () => {
  it('keeps users and sessions across a restart on the same data directory', async () => {
    const s1 = await startServer({}, { dataDir: server.dataDir + '-restart' });
    const { browser, email } = await register(s1);
    const sid = browser.cookies.get('kf.sid') as string;
    await s1.close();
    const s2 = await startServer({}, { dataDir: server.dataDir + '-restart' });
    try {
      const again = new Browser(s2.url);
      again.cookies.set('kf.sid', sid);
      const settings = await again.get('/settings');
      expect(settings.status).toBe(200);
      expect(settings.text).toContain(email);
    } finally {
      await s2.close();
      rmSync(server.dataDir + '-restart', { recursive: true, force: true });
      rmSync(server.dataDir + '-restart-keys', { recursive: true, force: true });
    }
  });
});

// The sign-in challenge: pending state grants nothing, window and replay rules, lockout, bad input, remember device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { Browser } from './support/browser.ts';
import { password, passwordStep, totpAt, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

const step = 30_000;

async function wrongCode(secret: string): Promise<string> {
  const valid = new Set(await Promise.all([-1, 0, 1].map((d) => totpAt(secret, server.clock.now + d * step))));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

describe('the pending sign-in', () => {
  it('shows the code field the extension looks for, and a switch to recovery codes', async () => {
    const { email } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    const page = await b.get('/two-factor-challenge');
    expect(page.text).toMatch(/<input name="code" autocomplete="one-time-code" inputmode="numeric"/);
    expect(page.text).toContain('Use a recovery code');
    expect(page.text).toContain('Remember this device');
    expect(page.text).toContain('>Verify<');
    expect((await b.get('/two-factor-challenge?recovery=1')).text).toContain('name="recovery_code"');
  });

  it('opens no page but the challenge after the password step', async () => {
    const { email } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    for (const path of ['/settings', '/user/two-factor-authentication', '/user/two-factor-recovery-codes', '/user/confirm-password', '/admin/users']) {
      const res = await b.get(path);
      expect(res.status, path).toBe(303);
      expect(res.location, path).toBe('/two-factor-challenge');
    }
    expect((await b.post('/user/two-factor-authentication')).location).toBe('/two-factor-challenge');
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { cookie: b.cookieHeader() } })).status).toBe(401);
  });

  it('sends a browser with no pending sign-in to the sign-in form', async () => {
    const b = new Browser(server.url);
    expect((await b.get('/two-factor-challenge')).location).toBe('/login');
    await b.get('/login');
    expect((await b.post('/two-factor-challenge', { code: '123456' })).location).toBe('/login');
  });

  it('expires after 10 minutes with the same answer as a wrong code', async () => {
    const { email, secret } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    const wrong = await b.post('/two-factor-challenge', { code: await wrongCode(secret) });
    server.clock.advance(10 * 60 * 1000 + 1000);
    const expired = await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    expect(expired.status).toBe(wrong.status);
    const message = (t: string) => /role="alert"[^>]*>([^<]+)</.exec(t)?.[1];
    expect(message(expired.text)).toBe(message(wrong.text));
    expect((await b.get('/two-factor-challenge')).location).toBe('/login');
  });

  it('rotates the session id at the password step and again at 2FA success, and the old CSRF token dies', async () => {
    const { email, secret } = await twoFactorUser(server);
    const b = new Browser(server.url);
    await b.get('/login');
    const anonymous = b.cookies.get('kf.sid');
    await b.post('/login', { email, password });
    const pending = b.cookies.get('kf.sid');
    await b.get('/two-factor-challenge');
    const oldCsrf = b.csrf as string;
    const ok = await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    expect(ok.location).toBe('/settings');
    const signedIn = b.cookies.get('kf.sid');
    expect(new Set([anonymous, pending, signedIn]).size).toBe(3);
    expect((await b.post('/user/sessions/sign-out-everywhere', { _csrf: oldCsrf })).status).toBe(403);
  });
});

describe('codes', () => {
  it('accepts a valid code once; the same code again is refused', async () => {
    const { email, secret } = await twoFactorUser(server);
    const code = await totpAt(secret, server.clock.now);
    const a = await passwordStep(server, email);
    expect((await a.post('/two-factor-challenge', { code })).location).toBe('/settings');
    const b = await passwordStep(server, email);
    expect((await b.post('/two-factor-challenge', { code })).status).toBe(422);
  });

  it('tells a replayed code apart in words ("already used"), still refuses it, and counts it toward the lock', async () => {
    const { email, secret } = await twoFactorUser(server);
    const code = await totpAt(secret, server.clock.now);
    const a = await passwordStep(server, email);
    expect((await a.post('/two-factor-challenge', { code })).location).toBe('/settings');
    const b = await passwordStep(server, email);
    const replay = await b.post('/two-factor-challenge', { code });
    expect(replay.status).toBe(422);
    expect(replay.text).toContain('That code was already used. Wait for the next one.');
    // A wrong code keeps its own words; the replay is no free guess: five failures of either kind lock.
    const wrong = await b.post('/two-factor-challenge', { code: await wrongCode(secret) });
    expect(wrong.text).toContain('That code is not valid.');
    expect(wrong.text).not.toContain('already used');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await b.post('/two-factor-challenge', { code })).status);
    expect(statuses).toEqual([422, 422, 429]);
    expect((await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now + step) })).status).toBe(429);
  });

  it('after step t, refuses the still-in-window code for t-1', async () => {
    const { email, secret } = await twoFactorUser(server);
    const a = await passwordStep(server, email);
    expect((await a.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) })).location).toBe('/settings');
    const b = await passwordStep(server, email);
    expect((await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now - step) })).status).toBe(422);
  });

  it('accepts the codes for t-1, t and t+1, each once, and refuses t-2 and t+2', async () => {
    const { email, secret } = await twoFactorUser(server);
    server.clock.advance(5 * step);
    const t = server.clock.now;
    for (const d of [-2, 2]) {
      const b = await passwordStep(server, email);
      expect((await b.post('/two-factor-challenge', { code: await totpAt(secret, t + d * step) })).status, `t${d}`).toBe(422);
    }
    for (const d of [-1, 0, 1]) {
      const b = await passwordStep(server, email);
      expect((await b.post('/two-factor-challenge', { code: await totpAt(secret, t + d * step) })).location, `t${d}`).toBe('/settings');
      const again = await passwordStep(server, email);
      expect((await again.post('/two-factor-challenge', { code: await totpAt(secret, t + d * step) })).status, `t${d} again`).toBe(422);
    }
  });

  it('lets exactly one of two concurrent submissions of one code through', async () => {
    const { email, secret } = await twoFactorUser(server);
    const code = await totpAt(secret, server.clock.now);
    const [a, b] = await Promise.all([passwordStep(server, email), passwordStep(server, email)]);
    const results = await Promise.all([a.post('/two-factor-challenge', { code }), b.post('/two-factor-challenge', { code })]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 422]);
  });

  it('compares codes as strings, so a valid code with a leading zero works, and accepts "123 456" spacing', async () => {
    const { email, secret } = await twoFactorUser(server);
    // Find a step whose code starts with 0 (about one in ten), then move the clock there.
    let at = server.clock.now;
    while (!(await totpAt(secret, at)).startsWith('0')) at += step;
    server.clock.now = at;
    const code = await totpAt(secret, at);
    const b = await passwordStep(server, email);
    expect((await b.post('/two-factor-challenge', { code: `${code.slice(0, 3)} ${code.slice(3)}` })).location).toBe('/settings');
  });

  it.each([
    ['empty', ''], ['a space', ' '], ['5 digits', '12345'], ['7 digits', '1234567'], ['a letter', '12a456'],
    ['Arabic-Indic digits', '١٢٣٤٥٦'], ['a NUL byte', '123456\u0000'], ['10 KB', '1'.repeat(10_000)],
  ])('refuses a code that is %s with 422 and counts it once', async (_what, code) => {
    const { email } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    const res = await b.post('/two-factor-challenge', { code });
    expect([413, 422]).toContain(res.status);
    expect(res.text).not.toMatch(/Error:|at .*\.ts:\d+/);
    expect(findUserByEmail(server.demo.ctx.db, email)?.second_factor_failures ?? 0).toBeLessThanOrEqual(1);
  });

  it('refuses a repeated code field and a JSON body with 4xx, never 500', async () => {
    const { email } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    expect((await b.post('/two-factor-challenge', { code: ['123456', '123456'] })).status).toBe(422);
    const json = await b.request('POST', '/two-factor-challenge', { body: JSON.stringify({ code: { $ne: '' }, _csrf: b.csrf }), contentType: 'application/json' });
    expect(json.status).toBe(415);
  });
});

describe('lockout', () => {
  it('locks the account after 5 wrong codes (429 + Retry-After), and a correct code is refused during the lock', async () => {
    const { email, secret } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    const wrong = await wrongCode(secret);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await b.post('/two-factor-challenge', { code: wrong })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 429]);
    const locked = await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(locked.text).toContain('Try again in 15 minutes');
  });

  it('applies the lock per account: a new browser after re-entering the password sees it, and the counter is not reset by the password', async () => {
    const { email, secret } = await twoFactorUser(server);
    const wrong = await wrongCode(secret);
    const a = await passwordStep(server, email);
    for (let i = 0; i < 3; i++) await a.post('/two-factor-challenge', { code: wrong });
    const b = await passwordStep(server, email);
    expect(findUserByEmail(server.demo.ctx.db, email)?.second_factor_failures).toBe(3);
    for (let i = 0; i < 2; i++) await b.post('/two-factor-challenge', { code: wrong });
    const c = await passwordStep(server, email);
    expect((await c.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) })).status).toBe(429);
  });

  it('lifts the lock after 15 minutes, escalates the next one to 30, and resets the count on success', async () => {
    const { email, secret } = await twoFactorUser(server);
    const wrong = await wrongCode(secret);
    const b = await passwordStep(server, email);
    for (let i = 0; i < 5; i++) await b.post('/two-factor-challenge', { code: wrong });
    server.clock.advance(15 * 60 * 1000 + 1000);
    const c = await passwordStep(server, email);
    let last = null;
    for (let i = 0; i < 5; i++) last = await c.post('/two-factor-challenge', { code: await wrongCode(secret) });
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(29 * 60);
    server.clock.advance(30 * 60 * 1000 + 1000);
    const d = await passwordStep(server, email);
    expect((await d.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) })).location).toBe('/settings');
    expect(findUserByEmail(server.demo.ctx.db, email)?.second_factor_failures).toBe(0);
  });

  it('hard-locks authentication codes after 20 consecutive failures until a recovery code or an admin resets, tells the user and writes an audit event', async () => {
    const { email, secret } = await twoFactorUser(server);
    for (let round = 0; round < 4; round++) {
      const b = await passwordStep(server, email);
      for (let i = 0; i < 5; i++) await b.post('/two-factor-challenge', { code: await wrongCode(secret) });
      server.clock.advance(24 * 60 * 60 * 1000);
    }
    const user = findUserByEmail(server.demo.ctx.db, email);
    expect(user?.second_factor_hard_locked).toBe(1);
    expect(user?.second_factor_failures).toBe(20);
    const b = await passwordStep(server, email);
    const res = await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    expect(res.status).toBe(429);
    expect(res.text).toContain('without one, contact an administrator');
    const audit = server.demo.ctx.db.prepare("SELECT action FROM audit_events WHERE user_id = ? AND action = 'two_factor.hard_locked'").all(user?.id);
    expect(audit).toHaveLength(1);
    const notes = server.demo.ctx.db.prepare("SELECT message FROM notifications WHERE user_id = ? AND kind = 'second_factor_locked'").all(user?.id);
    expect(notes.length).toBeGreaterThanOrEqual(4);
  });
});

describe('remember this device', () => {
  async function rememberedBrowser(): Promise<{ b: Browser; email: string; secret: string }> {
    const { email, secret } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    const res = await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now), remember_device: '1' });
    const cookie = res.setCookies.find((c) => c.startsWith('kf_remember='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=2592000/);
    await b.get('/settings');
    await b.post('/logout');
    return { b, email, secret };
  }

  it('skips only the code step for 30 days on that browser: a wrong password still fails and sudo still asks', async () => {
    const { b, email } = await rememberedBrowser();
    await b.get('/login');
    expect((await b.post('/login', { email, password: 'not the password' })).status).toBe(401);
    const ok = await b.post('/login', { email, password });
    expect(ok.location).toBe('/settings');
    expect((await b.get('/user/two-factor-recovery-codes')).location).toMatch(/^\/user\/confirm-password/);
    await b.get('/settings');
    await b.post('/logout');
    server.clock.advance(31 * 24 * 60 * 60 * 1000);
    await b.get('/login');
    expect((await b.post('/login', { email, password })).location).toBe('/two-factor-challenge');
  });

  it("ignores user A's remembered-device cookie at user B's sign-in", async () => {
    const { b } = await rememberedBrowser();
    const other = await twoFactorUser(server);
    await b.get('/login');
    expect((await b.post('/login', { email: other.email, password })).location).toBe('/two-factor-challenge');
  });

  it('ignores and clears a tampered or unknown token', async () => {
    const { b, email } = await rememberedBrowser();
    b.cookies.set('kf_remember', (b.cookies.get('kf_remember') as string).slice(0, -2) + 'AA');
    await b.get('/login');
    const res = await b.post('/login', { email, password });
    expect(res.location).toBe('/two-factor-challenge');
    expect(b.cookies.has('kf_remember')).toBe(false);
  });

  it('stops working after "sign out everywhere"', async () => {
    const { b, email } = await rememberedBrowser();
    await b.get('/login');
    expect((await b.post('/login', { email, password })).location).toBe('/settings');
    await b.get('/settings');
    expect((await b.post('/user/sessions/sign-out-everywhere')).location).toBe('/settings');
    await b.get('/settings');
    await b.post('/logout');
    await b.get('/login');
    expect((await b.post('/login', { email, password })).location).toBe('/two-factor-challenge');
  });

  it('stores only a hash of the 256-bit token', async () => {
    const { b, email } = await rememberedBrowser();
    const token = b.cookies.get('kf_remember') as string;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const user = findUserByEmail(server.demo.ctx.db, email);
    const rows = server.demo.ctx.db.prepare('SELECT token_hash FROM remembered_devices WHERE user_id = ?').all(user?.id) as { token_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(token);
  });
});

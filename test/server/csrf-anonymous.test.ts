// Anonymous forms carry a signed double-submit token and store no session; forged, swapped or cross-session tokens
// are refused while the real form post goes through.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from './support/browser.ts';
import { password, passwordStep, register, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

const sessionRows = (): number => (server.demo.ctx.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
const forms = ['/', '/login', '/register', '/forgot-password'];

describe('anonymous forms', () => {
  it('1,000 anonymous views of the forms leave the sessions table empty', async () => {
    const before = sessionRows();
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, async (_, j) => {
        // Half come back with the cookie they were given, half arrive fresh each time.
        const b = new Browser(server.url);
        const page = await b.get(forms[(i + j) % forms.length] as string);
        expect(page.status).toBe(200);
        if (j % 2) expect((await b.get('/login')).csrf).toBe(page.csrf);
      }));
    }
    expect(sessionRows()).toBe(before);
    // 1,500 requests: seconds on an idle machine, more beside other test suites; the default 20 s is too tight for it.
  }, 90_000);

  it('refuses cross-site, swapped and forged tokens on the sign-in form; the real post signs in', async () => {
    const { email, browser: owner } = await register(server);
    await owner.get('/settings');
    await owner.post('/logout');
    const victim = new Browser(server.url);
    await victim.get('/login');
    const stranger = new Browser(server.url);
    await stranger.get('/login');
    expect(stranger.csrf).not.toBe(victim.csrf);
    const fields = { email, password };

    // A cross-site post: the page's token, but no form cookie (or no token at all).
    const noCookie = new Browser(server.url);
    expect((await noCookie.post('/login', { ...fields, _csrf: victim.csrf as string })).status).toBe(403);
    expect((await victim.post('/login', fields, { csrf: false })).status).toBe(403);
    // Another visitor's token with this browser's cookie.
    expect((await victim.post('/login', { ...fields, _csrf: stranger.csrf as string })).status).toBe(403);
    // A token computed by the attacker for a cookie of their choosing (they lack the key), sent with that cookie.
    const forger = new Browser(server.url);
    const chosen = 'A'.repeat(43);
    forger.cookies.set('kf.csrf', chosen);
    const forged = createHmac('sha256', Buffer.alloc(32)).update(`anonymous-form:${chosen}`).digest('base64url');
    expect((await forger.post('/login', { ...fields, _csrf: forged })).status).toBe(403);
    // A signed-in session's token carried into an anonymous post.
    const other = await register(server);
    const sessionToken = (await other.browser.get('/settings')).csrf as string;
    expect((await victim.post('/login', { ...fields, _csrf: sessionToken })).status).toBe(403);
    expect(sessionRows()).toBeGreaterThan(0);

    const real = await victim.post('/login', fields);
    expect(real.status).toBe(303);
    expect(real.location).toBe('/settings');
    expect(victim.cookies.get('kf.sid')).toBeDefined();
  });

  it('once a session exists only its own token counts: not the anonymous one, not another session\'s', async () => {
    const { email } = await twoFactorUser(server);
    const pending = await passwordStep(server, email);
    const anonymous = new Browser(server.url);
    await anonymous.get('/login');
    // The pending challenge has a session token; an anonymous token (even with its cookie) is not accepted there.
    pending.cookies.set('kf.csrf', anonymous.cookies.get('kf.csrf') as string);
    expect((await pending.post('/two-factor-challenge', { code: '000000', _csrf: anonymous.csrf as string })).status).toBe(403);
    const signedIn = await register(server);
    const foreign = (await signedIn.browser.get('/settings')).csrf as string;
    expect((await pending.post('/two-factor-challenge', { code: '000000', _csrf: foreign })).status).toBe(403);
    // The challenge's own token is accepted (a wrong code is then a 422, not a 403).
    await pending.get('/two-factor-challenge');
    expect((await pending.post('/two-factor-challenge', { code: '000000' })).status).toBe(422);
    // And a signed-in browser's post with an anonymous token is refused, its own token accepted.
    expect((await signedIn.browser.post('/user/sessions/sign-out-everywhere', { _csrf: anonymous.csrf as string })).status).toBe(403);
    await signedIn.browser.get('/settings');
    expect((await signedIn.browser.post('/user/sessions/sign-out-everywhere')).status).toBe(303);
  });
});

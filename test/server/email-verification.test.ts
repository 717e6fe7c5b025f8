// E-mail verification and admin rights: ADMIN_EMAILS counts only for a verified address, and a link verifies only
// the account it was mailed for, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFor } from '../../demo-server/db/audit.ts';
import { readConfig } from '../../demo-server/config.ts';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { Browser } from './support/browser.ts';
import { lastMailedLink, outbox, password, register, signIn, submitRegistration, uniqueEmail, verifyEmail } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
// The list is written in another letter case than the addresses register in: the match ignores case.
beforeAll(async () => { server = await startServer({ adminEmails: readConfig({ ADMIN_EMAILS: 'Admin@Example.TEST, Boss@Example.test' }).adminEmails }); });
afterAll(async () => { await server.close(); });

const newPassword = 'the owner takes it back';

function linkPath(link: URL | null): string {
  expect(link).not.toBeNull();
  return (link as URL).pathname + (link as URL).search;
}

describe('admin rights need a verified address', () => {
  it('keeps an attacker who registered ADMIN@example.test out of /admin; the mailbox owner takes the account over and gets in', async () => {
    const attacker = await register(server, 'ADMIN@example.test', 'Mallory');
    expect((await attacker.browser.get('/admin/users')).status).toBe(403);
    const settings = await attacker.browser.get('/settings');
    expect(settings.text).toContain('not verified');
    expect(settings.text).not.toContain('href="/admin/users"');

    // The real owner reads the mailbox: a verification link they did not ask for, which says to reset the password instead.
    const verificationMail = outbox(server).filter((m) => m.to === 'admin@example.test' && m.kind === 'email_verification_link').at(-1);
    expect(verificationMail?.message).toContain('If you did not create this account, do not open it: reset the password instead.');
    const owner = new Browser(server.url);
    await owner.get('/forgot-password');
    await owner.post('/forgot-password', { email: 'admin@example.test' });
    const reset = lastMailedLink(server, 'admin@example.test', 'password_reset_link') as URL;
    await owner.get(linkPath(reset));
    expect((await owner.post('/reset-password', { token: reset.searchParams.get('token') as string, password: newPassword, password_confirmation: newPassword })).status).toBe(200);
    await signIn(server, 'admin@example.test', owner, newPassword);
    expect((await owner.get('/admin/users')).status).toBe(200);
    expect((await owner.get('/settings')).text).toContain('Your e-mail address is <strong>verified</strong>');

    // The attacker's session ended with the reset, and their password no longer works.
    expect((await attacker.browser.get('/admin/users')).status).toBe(303);
    await attacker.browser.get('/login');
    expect((await attacker.browser.post('/login', { email: 'admin@example.test', password })).status).toBe(401);
  });

  it('lets a listed address in only after its owner opens the mailed link and presses Verify (a GET alone verifies nothing)', async () => {
    const { browser } = await register(server, 'boss@example.test', 'Boss');
    expect((await browser.get('/admin/users')).status).toBe(403);
    const link = lastMailedLink(server, 'boss@example.test', 'email_verification_link');
    expect(link?.origin).toBe(server.url);
    // A mail scanner fetching the link twice changes nothing.
    for (let i = 0; i < 2; i++) {
      const page = await new Browser(server.url).get(linkPath(link));
      expect(page.status).toBe(200);
      expect(page.text).toContain('Verify my e-mail address');
    }
    expect((await browser.get('/admin/users')).status).toBe(403);

    await browser.get(linkPath(link));
    const verified = await browser.post('/verify-email', { token: (link as URL).searchParams.get('token') as string });
    expect(verified.location).toBe('/settings');
    expect((await browser.get('/settings')).text).toContain('Your e-mail address is verified.');
    expect((await browser.get('/admin/users')).status).toBe(200);
    expect(auditFor(server.demo.ctx.db, (findUserByEmail(server.demo.ctx.db, 'boss@example.test') as { id: number }).id).map((e) => e.action)).toContain('email.verified');

    // Single use: the same link again is dead.
    const again = await new Browser(server.url).get(linkPath(link));
    expect(again.status).toBe(410);
    const b = new Browser(server.url);
    await b.get('/login');
    expect((await b.post('/verify-email', { token: (link as URL).searchParams.get('token') as string })).status).toBe(410);
  });

  it('does not verify one user with another user\'s link, a forged token, or an expired link', async () => {
    const alice = uniqueEmail('alice');
    const bob = uniqueEmail('bob');
    await submitRegistration(server, alice, 'Alice');
    const aliceLink = lastMailedLink(server, alice, 'email_verification_link') as URL;
    const { browser: bobBrowser } = await register(server, bob, 'Bob');

    // Bob, signed in, posts Alice's token: it verifies Alice (whose mailbox it came from) and never Bob.
    await bobBrowser.get(linkPath(aliceLink));
    const res = await bobBrowser.post('/verify-email', { token: aliceLink.searchParams.get('token') as string });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`${alice} is verified`);
    expect(findUserByEmail(server.demo.ctx.db, bob)?.email_verified_at).toBeNull();
    expect(findUserByEmail(server.demo.ctx.db, alice)?.email_verified_at).not.toBeNull();
    expect((await bobBrowser.get('/settings')).text).toContain('not verified');

    // A made-up token, and Bob's real one past its 24 hours.
    await bobBrowser.get('/settings');
    expect((await bobBrowser.post('/verify-email', { token: 'A'.repeat(43) })).status).toBe(410);
    server.clock.advance(24 * 60 * 60 * 1000 + 1);
    const bobLink = lastMailedLink(server, bob, 'email_verification_link') as URL;
    expect((await bobBrowser.get(linkPath(bobLink))).status).toBe(410);
    await bobBrowser.get('/settings');
    expect((await bobBrowser.post('/verify-email', { token: bobLink.searchParams.get('token') as string })).status).toBe(410);
    expect(findUserByEmail(server.demo.ctx.db, bob)?.email_verified_at).toBeNull();

    // The settings button sends a fresh link; only it works, and it verifies Bob.
    await bobBrowser.get('/settings');
    const resent = await bobBrowser.follow(bobBrowser.post('/user/email-verification'));
    expect(resent.text).toContain(`We sent a new verification link to ${bob}`);
    const fresh = lastMailedLink(server, bob, 'email_verification_link') as URL;
    expect(fresh.href).not.toBe(bobLink.href);
    await verifyEmail(server, bob, bobBrowser);
    expect(findUserByEmail(server.demo.ctx.db, bob)?.email_verified_at).not.toBeNull();
  });

  it('stores only a hash of the verification token', async () => {
    const email = uniqueEmail('hash');
    await submitRegistration(server, email);
    const token = (lastMailedLink(server, email, 'email_verification_link') as URL).searchParams.get('token') as string;
    const rows = server.demo.ctx.db.prepare('SELECT token_hash FROM email_verifications').all() as { token_hash: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false);
  });
});

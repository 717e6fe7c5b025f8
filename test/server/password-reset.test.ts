// Forgotten password: same answer for any address, single-use short-lived link, and no sign-in past 2FA.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from './support/browser.ts';
import { password, passwordStep, signInWithTotp, totpAt, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

const newPassword = 'a brand new passphrase';

function lastResetLink(email: string): string | null {
  const lines = readFileSync(join(server.mailDir, 'outbox.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string; kind: string; message: string });
  const mail = lines.filter((m) => m.to === email && m.kind === 'password_reset_link').at(-1);
  const url = mail ? new URL(/https?:\/\/\S+/.exec(mail.message)?.[0] as string) : null;
  return url ? url.pathname + url.search : null;
}

async function requestReset(email: string) {
  const b = new Browser(server.url);
  await b.get('/forgot-password');
  return b.post('/forgot-password', { email });
}

async function resetWith(link: string, pw = newPassword, b = new Browser(server.url)) {
  await b.get(link);
  return b.post('/reset-password', { token: new URL(link, server.url).searchParams.get('token') as string, password: pw, password_confirmation: pw });
}

describe('asking for a reset link', () => {
  it('answers a known and an unknown address identically, and mails a link only for the known one', async () => {
    const { email } = await twoFactorUser(server);
    const known = await requestReset(email);
    const unknown = await requestReset('nobody-reset@example.test');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (t: string) => t.replace(/name="_csrf" value="[^"]+"/g, '');
    expect(strip(known.text)).toBe(strip(unknown.text));
    expect(lastResetLink(email)).toMatch(/^\/reset-password\?token=[\w-]{43}$/);
    expect(lastResetLink('nobody-reset@example.test')).toBeNull();
  });

  it('keeps only a hash of the link token, and the token is in no log, audit or notification', async () => {
    const { email } = await twoFactorUser(server);
    await requestReset(email);
    const token = new URL(lastResetLink(email) as string, server.url).searchParams.get('token') as string;
    const db = server.demo.ctx.db;
    for (const table of ['password_resets', 'audit_events', 'notifications']) expect(JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all())).not.toContain(token);
    expect(server.logs.join('\n')).not.toContain(token);
  });
});

describe('resetting', () => {
  it('sets the new password without signing in, ends every session and remembered device, and still asks for the code', async () => {
    const { email, secret } = await twoFactorUser(server);
    const remembered = await passwordStep(server, email);
    await remembered.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now), remember_device: '1' });
    server.clock.advance(30_000);
    const session = await signInWithTotp(server, email, secret);
    await requestReset(email);
    const resetter = new Browser(server.url);
    const res = await resetWith(lastResetLink(email) as string, newPassword, resetter);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Your password has been reset');
    expect((await resetter.get('/settings')).location).toBe('/login');
    expect((await session.get('/settings')).location).toBe('/login');
    await remembered.get('/login');
    expect((await remembered.post('/login', { email, password })).status).toBe(401);
    expect((await remembered.post('/login', { email, password: newPassword })).location).toBe('/two-factor-challenge');
  });

  it('works once: the same link again is refused with 410', async () => {
    const { email } = await twoFactorUser(server);
    await requestReset(email);
    const link = lastResetLink(email) as string;
    expect((await resetWith(link)).status).toBe(200);
    expect((await resetWith(link, 'yet another passphrase')).status).toBe(410);
  });

  it('expires after 30 minutes', async () => {
    const { email } = await twoFactorUser(server);
    await requestReset(email);
    server.clock.advance(31 * 60 * 1000);
    expect((await resetWith(lastResetLink(email) as string)).status).toBe(410);
  });

  it('refuses a weak new password and keeps the link usable', async () => {
    const { email } = await twoFactorUser(server);
    await requestReset(email);
    const link = lastResetLink(email) as string;
    expect((await resetWith(link, 'short')).status).toBe(422);
    expect((await resetWith(link)).status).toBe(200);
  });

  it('refuses an unknown token', async () => {
    expect((await new Browser(server.url).get('/reset-password?token=nope')).status).toBe(410);
  });
});

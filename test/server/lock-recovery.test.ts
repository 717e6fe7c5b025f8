// A valid recovery code gets through the second-factor lock (timed or hard) and resets it; TOTP codes stay locked,
// and a wrong recovery code during the lock is counted and refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { postJson } from './support/browser.ts';
import { password, passwordStep, totpAt, twoFactorUser } from './support/flows.ts';
import { startServer, testPeriodMs, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

const dayMs = 24 * 60 * 60 * 1000;
const wrongRecovery = 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA';

async function wrongCode(secret: string): Promise<string> {
  const valid = new Set(await Promise.all([-1, 0, 1].map((d) => totpAt(secret, server.clock.now + d * testPeriodMs))));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

/** 20 wrong codes in four rounds (waiting out each timed lock): the hard lock. */
async function hardLock(email: string, secret: string): Promise<void> {
  for (let round = 0; round < 4; round++) {
    const b = await passwordStep(server, email);
    for (let i = 0; i < 5; i++) await b.post('/two-factor-challenge', { code: await wrongCode(secret) });
    server.clock.advance(dayMs);
  }
  const user = findUserByEmail(server.demo.ctx.db, email);
  expect(user?.second_factor_hard_locked).toBe(1);
  expect(user?.second_factor_failures).toBe(20);
}

const lockOf = (email: string) => {
  const u = findUserByEmail(server.demo.ctx.db, email);
  return { failures: u?.second_factor_failures, hard: u?.second_factor_hard_locked, until: u?.second_factor_locked_until };
};

describe('the hard lock on the web challenge', () => {
  it('refuses a TOTP code but lets a valid recovery code sign in and reset the counter; a wrong one is counted and refused', async () => {
    const { email, secret, recoveryCodes } = await twoFactorUser(server);
    await hardLock(email, secret);
    const b = await passwordStep(server, email);
    const totp = await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    expect(totp.status).toBe(429);
    const wrong = await b.post('/two-factor-challenge', { recovery_code: wrongRecovery });
    expect(wrong.status).toBe(429);
    expect(lockOf(email)).toMatchObject({ failures: 21, hard: 1 });
    const ok = await b.post('/two-factor-challenge', { recovery_code: recoveryCodes[0] as string });
    expect(ok.location).toBe('/settings');
    expect(lockOf(email)).toEqual({ failures: 0, hard: 0, until: null });
    const audit = server.demo.ctx.db.prepare("SELECT detail FROM audit_events WHERE user_id = ? AND action = 'two_factor.unlocked'").all(findUserByEmail(server.demo.ctx.db, email)?.id);
    expect(audit).toEqual([{ detail: 'by a recovery code' }]);
  });

  it('tells a hard-locked user on the challenge page that a recovery code still works, and shows its field', async () => {
    const { email, secret } = await twoFactorUser(server);
    await hardLock(email, secret);
    const b = await passwordStep(server, email);
    const page = await b.get('/two-factor-challenge');
    expect(page.text).toContain('You can still sign in with one of your recovery codes');
    expect(page.text).toContain('name="recovery_code"');
    const refused = await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    expect(refused.text).toContain('You can still sign in with one of your recovery codes');
    expect(refused.text).toContain('name="recovery_code"');
    const notice = server.demo.ctx.db.prepare("SELECT message FROM notifications WHERE user_id = ? AND kind = 'second_factor_locked' ORDER BY id DESC LIMIT 1")
      .get(findUserByEmail(server.demo.ctx.db, email)?.id) as { message: string };
    expect(notice.message).toContain('One of your recovery codes still signs you in');
  });

  it('stops recovery codes too at 100 consecutive failures (NIST cap): the account then needs a reset', async () => {
    const { email, secret, recoveryCodes } = await twoFactorUser(server);
    await hardLock(email, secret);
    const b = await passwordStep(server, email);
    for (let i = 20; i < 100; i++) expect((await b.post('/two-factor-challenge', { recovery_code: wrongRecovery })).status).toBe(429);
    expect(lockOf(email)).toMatchObject({ failures: 100, hard: 1 });
    const valid = await b.post('/two-factor-challenge', { recovery_code: recoveryCodes[0] as string });
    expect(valid.status).toBe(429);
    expect(valid.location).toBeNull();
    expect(lockOf(email)).toMatchObject({ failures: 100, hard: 1 });
  });

  it('takes TOTP codes again once a recovery code has lifted the lock', async () => {
    const { email, secret, recoveryCodes } = await twoFactorUser(server);
    await hardLock(email, secret);
    expect((await (await passwordStep(server, email)).post('/two-factor-challenge', { recovery_code: recoveryCodes[1] as string })).location).toBe('/settings');
    server.clock.advance(testPeriodMs);
    const b = await passwordStep(server, email);
    expect((await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) })).location).toBe('/settings');
  });
});

describe('the timed lock on the web challenge', () => {
  it('lets a valid recovery code through at once while a TOTP code must wait', async () => {
    const { email, secret, recoveryCodes } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    for (let i = 0; i < 5; i++) await b.post('/two-factor-challenge', { code: await wrongCode(secret) });
    const totp = await b.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
    expect(totp.status).toBe(429);
    expect(totp.text).toContain('or sign in now with one of your recovery codes');
    expect((await b.post('/two-factor-challenge', { recovery_code: wrongRecovery })).status).toBe(429);
    expect(lockOf(email).failures).toBe(6);
    expect((await b.post('/two-factor-challenge', { recovery_code: recoveryCodes[2] as string })).location).toBe('/settings');
    expect(lockOf(email)).toEqual({ failures: 0, hard: 0, until: null });
  });
});

describe('the hard lock on the API', () => {
  it('refuses a TOTP code with 429 but issues a token for a valid recovery code; a wrong one is refused', async () => {
    const { email, secret, recoveryCodes } = await twoFactorUser(server);
    await hardLock(email, secret);
    const challenge = async () => (await postJson(server.url, '/api/v1/sign-in', { email, password })).json.challenge as string;
    const totp = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge: await challenge(), code: await totpAt(secret, server.clock.now) });
    expect(totp.status).toBe(429);
    expect(totp.json.message).toContain('A recovery code still works');
    const wrong = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge: await challenge(), recovery_code: wrongRecovery });
    expect(wrong.status).toBe(429);
    expect(lockOf(email)).toMatchObject({ failures: 21, hard: 1 });
    const ok = await postJson(server.url, '/api/v1/verify-2fa-code', { challenge: await challenge(), recovery_code: recoveryCodes[3] as string });
    expect(ok.status).toBe(200);
    expect(ok.json.token).toMatch(/^kfs_/);
    expect(lockOf(email)).toEqual({ failures: 0, hard: 0, until: null });
  });
});

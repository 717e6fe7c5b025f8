// Recovery codes: single use, hashed at rest, normalised input, shared lock, regeneration and replacement policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { confirmPassword, passwordStep, recoveryCodesIn, signInWithTotp, totpAt, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
let consuming: TestServer;
beforeAll(async () => {
  [server, consuming] = await Promise.all([startServer(), startServer({ recoveryCodes: 'consume' })]);
});
afterAll(async () => { await Promise.all([server.close(), consuming.close()]); });

async function useRecoveryCode(s: TestServer, email: string, code: string) {
  const b = await passwordStep(s, email);
  const res = await b.post('/two-factor-challenge', { recovery_code: code });
  return { b, res };
}

describe('signing in with a recovery code', () => {
  it('accepts an unused code once, and the same code again is refused', async () => {
    const { email, recoveryCodes } = await twoFactorUser(server);
    const code = recoveryCodes[0] as string;
    expect((await useRecoveryCode(server, email, code)).res.location).toBe('/settings');
    expect((await useRecoveryCode(server, email, code)).res.status).toBe(422);
  });

  it('replaces a used code, shows the new one once after that sign-in, keeps 8 and tells the user', async () => {
    const { email, recoveryCodes } = await twoFactorUser(server);
    const { b } = await useRecoveryCode(server, email, recoveryCodes[1] as string);
    const settings = await b.get('/settings');
    const fresh = /data-testid="new-recovery-code">([0-9A-Z-]+)</.exec(settings.text)?.[1];
    expect(fresh).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(settings.text).toContain('so you still have 8');
    expect(settings.text).toContain('A recovery code was used to sign in.');
    expect((await b.get('/settings')).text).not.toContain(fresh);
    await b.post('/logout');
    expect((await useRecoveryCode(server, email, fresh as string)).res.location).toBe('/settings');
  });

  it('with RECOVERY_CODES=consume, does not replace the code and says how many remain', async () => {
    const { email, recoveryCodes } = await twoFactorUser(consuming);
    const { b } = await useRecoveryCode(consuming, email, recoveryCodes[0] as string);
    const settings = await b.get('/settings');
    expect(settings.text).toContain('7 of 8 remain');
    expect(settings.text).not.toContain('data-testid="new-recovery-code"');
  });

  it.each([
    ['lower case', (c: string) => c.toLowerCase()],
    ['no hyphens', (c: string) => c.replace(/-/g, '')],
    ['spaces instead of hyphens and around', (c: string) => `  ${c.replace(/-/g, ' ')} `],
    ['extra hyphens', (c: string) => c.replace(/(.)/g, '$1-')],
  ])('accepts a code typed with %s', async (_what, typed) => {
    const { email, recoveryCodes } = await twoFactorUser(server);
    expect((await useRecoveryCode(server, email, typed(recoveryCodes[2] as string))).res.location).toBe('/settings');
  });

  it('refuses near misses: one character changed, one missing, or an extra one', async () => {
    const { email, recoveryCodes } = await twoFactorUser(server);
    const code = (recoveryCodes[3] as string).replace(/-/g, '');
    const changed = code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z');
    for (const miss of [changed, code.slice(1), `${code}A`]) {
      expect((await useRecoveryCode(server, email, miss)).res.status).toBe(422);
    }
  });

  it("refuses user A's recovery code at user B's challenge and counts it", async () => {
    const a = await twoFactorUser(server);
    const b = await twoFactorUser(server);
    expect((await useRecoveryCode(server, b.email, a.recoveryCodes[0] as string)).res.status).toBe(422);
    expect(findUserByEmail(server.demo.ctx.db, b.email)?.second_factor_failures).toBe(1);
  });

  it('counts wrong recovery codes toward the same lock as wrong TOTP codes', async () => {
    const { email, secret } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    for (let i = 0; i < 3; i++) await b.post('/two-factor-challenge', { code: '000000' });
    await b.post('/two-factor-challenge', { recovery_code: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' });
    const last = await b.post('/two-factor-challenge', { recovery_code: 'BBBB-BBBB-BBBB-BBBB-BBBB-BBBB' });
    expect(last.status).toBe(429);
    // The lock stops TOTP codes; a valid recovery code still gets through it (lock-recovery.test.ts).
    const c = await passwordStep(server, email);
    expect((await c.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) })).status).toBe(429);
  });

  it('never lets a recovery code pass as a TOTP code or a TOTP code as a recovery code', async () => {
    const { email, recoveryCodes } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    expect((await b.post('/two-factor-challenge', { code: recoveryCodes[0] as string })).status).toBe(422);
    expect((await b.post('/two-factor-challenge', { recovery_code: '123456' })).status).toBe(422);
  });

  it.each([[''], [' '], ['x'.repeat(10_000)], ['123456\u0000'], ['{"$ne":""}']])('refuses the malformed recovery code %j with 422', async (code) => {
    const { email } = await twoFactorUser(server);
    const b = await passwordStep(server, email);
    const res = await b.post('/two-factor-challenge', { recovery_code: code });
    expect(res.status).toBe(422);
    expect(res.text).not.toMatch(/Error:|at .*\.ts:\d+/);
  });

  it('lets exactly one of two concurrent uses of one code through', async () => {
    const { email, recoveryCodes } = await twoFactorUser(consuming);
    const [a, b] = await Promise.all([passwordStep(consuming, email), passwordStep(consuming, email)]);
    const code = recoveryCodes[4] as string;
    const results = await Promise.all([a.post('/two-factor-challenge', { recovery_code: code }), b.post('/two-factor-challenge', { recovery_code: code })]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 422]);
  });
});

describe('managing recovery codes', () => {
  it('regenerates only after password confirmation, and every old code dies at once', async () => {
    const { email, recoveryCodes } = await twoFactorUser(server);
    const { b } = await useRecoveryCode(server, email, recoveryCodes[0] as string);
    await b.get('/settings');
    const noSudo = await b.post('/user/two-factor-recovery-codes');
    expect(noSudo.location).toMatch(/^\/user\/confirm-password/);
    await confirmPassword(b, '/user/two-factor-recovery-codes');
    await b.get('/user/two-factor-recovery-codes');
    const page = await b.follow(b.post('/user/two-factor-recovery-codes'));
    const fresh = recoveryCodesIn(page.text);
    expect(fresh).toHaveLength(8);
    expect(page.text).toContain('Regenerate recovery codes');
    expect((await b.get('/user/two-factor-recovery-codes')).text).not.toContain(fresh[0]);
    await b.post('/logout');
    for (const old of recoveryCodes.slice(1, 3)) expect((await useRecoveryCode(server, email, old)).res.status).toBe(422);
    expect((await useRecoveryCode(server, email, fresh[0] as string)).res.location).toBe('/settings');
  });

  it('stores only HMAC hashes: no plaintext code anywhere in the database', async () => {
    const { email, recoveryCodes } = await twoFactorUser(server);
    const user = findUserByEmail(server.demo.ctx.db, email);
    const rows = server.demo.ctx.db.prepare('SELECT * FROM recovery_codes WHERE user_id = ?').all(user?.id) as Record<string, unknown>[];
    expect(rows).toHaveLength(8);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['batch_id', 'code_hash', 'created_at', 'id', 'used_at', 'user_id']);
    const dump = JSON.stringify(rows);
    for (const c of recoveryCodes) {
      expect(dump).not.toContain(c);
      expect(dump).not.toContain(c.replace(/-/g, ''));
    }
    for (const r of rows) expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows the remaining count and the regenerate button when viewed later with a fresh password', async () => {
    const { email, secret } = await twoFactorUser(server);
    const b = await signInWithTotp(server, email, secret);
    await confirmPassword(b, '/user/two-factor-recovery-codes');
    const page = await b.get('/user/two-factor-recovery-codes');
    expect(page.status).toBe(200);
    expect(page.text).toContain('8 of 8 codes unused');
  });
});

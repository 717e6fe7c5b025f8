// A burst of wrong codes sent at once, from several sessions of one account, gets no more guesses than the lock allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../demo-server/db/users.ts';
import { passwordStep, totpAt, twoFactorUser } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

describe('a concurrent burst of wrong codes', () => {
  it('counts each failure once, locks once at the fifth, and refuses the rest unchecked, while a recovery code still gets in', async () => {
    const { email, secret, recoveryCodes } = await twoFactorUser(server);
    const valid = new Set(await Promise.all([-1, 0, 1].map((d) => totpAt(secret, server.clock.now + d * 30_000))));
    const wrong = Array.from({ length: 100 }, (_, n) => String(n).padStart(6, '0')).filter((c) => !valid.has(c));
    const sessions = await Promise.all([0, 1, 2, 3].map(() => passwordStep(server, email)));
    const burst = await Promise.all(Array.from({ length: 16 }, (_, i) =>
      sessions[i % sessions.length]!.post('/two-factor-challenge', { code: wrong[i] as string })));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12);
    const user = findUserByEmail(server.demo.ctx.db, email);
    expect(user?.second_factor_failures).toBe(5);
    const locks = server.demo.ctx.db.prepare("SELECT action FROM audit_events WHERE user_id = ? AND action = 'two_factor.locked'").all(user?.id);
    expect(locks).toHaveLength(1);
    // The right TOTP code is refused during the lock; the owner's recovery code passes it and clears the count.
    expect((await sessions[0]!.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) })).status).toBe(429);
    expect((await sessions[1]!.post('/two-factor-challenge', { recovery_code: recoveryCodes[0] as string })).location).toBe('/settings');
    expect(findUserByEmail(server.demo.ctx.db, email)?.second_factor_failures).toBe(0);
  });
});

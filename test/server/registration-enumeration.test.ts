// Registering a taken address answers exactly like a new one: no account oracle, no sign-in, and the owner is told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, type Page } from './support/browser.ts';
import { lastMailedLink, outbox, password, register, signIn, submitRegistration, uniqueEmail } from './support/flows.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

/**
 * What the requester sees, with the per-request values blanked: CSRF tokens, cookie values, the date, the echoed address,
 * the ETag (a hash of that echoed body) and the rate-limit counter (it counts this client's requests, not accounts).
 */
function shape(page: Page, email: string) {
  const varying = new Set(['date', 'set-cookie', 'etag', 'ratelimit']);
  const headers = [...page.headers].filter(([k]) => !varying.has(k));
  return {
    status: page.status,
    location: page.location,
    headers,
    cookieNames: page.setCookies.map((c) => c.split('=')[0]),
    cookieAttributes: page.setCookies.map((c) => c.split(';').slice(1).join(';')),
    text: page.text.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(email, 'EMAIL'),
  };
}

describe('registration does not tell which addresses have accounts', () => {
  it('answers a taken address byte for byte like a new one, signs nobody in, and mails the owner instead', async () => {
    const owner = await register(server, uniqueEmail('owner'), 'Owner');
    const fresh = uniqueEmail('fresh');
    // Same length as the owner's address, so even the echoed text cannot differ in size.
    expect(fresh.length).toBe(owner.email.length);

    const newcomer = new Browser(server.url);
    const intruder = new Browser(server.url);
    const forNew = await submitRegistration(server, fresh, 'Intruder', newcomer);
    const forTaken = await submitRegistration(server, owner.email, 'Intruder', intruder);
    expect(forTaken.status).toBe(200);
    expect(shape(forTaken, owner.email)).toEqual(shape(forNew, fresh));
    expect(forTaken.text).toContain('Check your e-mail');

    // Nobody is signed in by registering: neither as the newcomer nor, above all, as the owner.
    for (const b of [newcomer, intruder]) {
      const settings = await b.get('/settings');
      expect(settings.status).toBe(303);
      expect(settings.location).toBe('/login');
    }

    // The owner hears about it (mail and settings), with no link; the new address gets its verification link.
    const toOwner = outbox(server).filter((m) => m.to === owner.email);
    expect(toOwner.at(-1)?.kind).toBe('registration_address_taken');
    expect(toOwner.at(-1)?.message).toContain('Someone tried to register a new account with your e-mail address');
    expect(toOwner.at(-1)?.message).not.toMatch(/https?:\/\//);
    expect(toOwner.filter((m) => m.kind === 'email_verification_link')).toHaveLength(1);
    expect(lastMailedLink(server, fresh, 'email_verification_link')).not.toBeNull();
    expect((await owner.browser.get('/settings')).text).toContain('Someone tried to register a new account with your e-mail address');

    // The intruder's password opens nothing; the owner's still works; the new address signs in with its own.
    await intruder.get('/login');
    expect((await intruder.post('/login', { email: owner.email, password: `${password}!` })).status).toBe(401);
    await signIn(server, owner.email);
    await signIn(server, fresh);
  });

  it('answers a taken address in another letter case the same way', async () => {
    const owner = await register(server, uniqueEmail('case'));
    const res = await submitRegistration(server, owner.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.text).toContain(owner.email);
    expect(outbox(server).filter((m) => m.to === owner.email).at(-1)?.kind).toBe('registration_address_taken');
  });
});

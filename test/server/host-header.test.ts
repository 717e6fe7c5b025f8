// Password-reset poisoning and the Host check: mailed links come from PUBLIC_URL only, and state-changing requests
// for another Host (or with a forged X-Forwarded-Host) never act for it.
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublicUrl, readConfig } from '../../demo-server/config.ts';
import { isPublicHost } from '../../demo-server/web/host-check.ts';
import { Browser, postJson } from './support/browser.ts';
import { lastMailedLink, outbox, password, register, signIn } from './support/flows.ts';
import { sendRaw } from './support/raw-http.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer({ lab: true }); });
afterAll(async () => { await server.close(); });

const newPassword = 'a brand new passphrase';

/** Asks for a reset link with extra headers (e.g. a forged Host), from a browser that loaded the form normally. */
async function askForReset(target: TestServer, email: string, headers: Record<string, string>, viaProxy: Record<string, string> = {}) {
  const b = new Browser(target.url, viaProxy);
  await b.get('/forgot-password');
  const body = new URLSearchParams({ _csrf: b.csrf as string, email }).toString();
  return sendRaw(target.url, { method: 'POST', path: '/forgot-password', body, headers: {
    host: new URL(target.url).host, cookie: b.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...viaProxy, ...headers } });
}

function resetMails(target: TestServer, email: string): string[] {
  return outbox(target).filter((m) => m.to === email && m.kind === 'password_reset_link').map((m) => m.message);
}

async function resetWith(target: TestServer, link: URL): Promise<void> {
  const b = new Browser(target.url);
  expect((await b.get(link.pathname + link.search)).status).toBe(200);
  const res = await b.post('/reset-password', { token: link.searchParams.get('token') as string, password: newPassword, password_confirmation: newPassword });
  expect(res.status, res.text).toBe(200);
}

describe('password-reset poisoning', () => {
  it('refuses a reset request for Host attacker.example and mails nothing; the real host gets a working link', async () => {
    const { email } = await register(server);
    const forged = await askForReset(server, email, { host: 'attacker.example' });
    expect(forged.status).toBe(421);
    expect(forged.text).toContain(`This site answers only at ${server.url}`);
    expect(resetMails(server, email)).toEqual([]);

    const real = await askForReset(server, email, {});
    expect(real.status).toBe(200);
    const link = lastMailedLink(server, email, 'password_reset_link') as URL;
    expect(link.origin).toBe(server.url);
    await resetWith(server, link);
    await signIn(server, email, undefined, newPassword);
  });

  it('builds the link from PUBLIC_URL whatever X-Forwarded-Host says, also behind a trusted TLS proxy', async () => {
    for (const target of [server, await startServer({ secureCookies: true })]) {
      const viaProxy: Record<string, string> = target === server ? {} : { 'x-forwarded-proto': 'https' };
      const { email } = await register(target, undefined, undefined, new Browser(target.url, viaProxy));
      const res = await askForReset(target, email, { 'x-forwarded-host': 'attacker.example', forwarded: 'host=attacker.example' }, viaProxy);
      expect(res.status).toBe(200);
      const mails = resetMails(target, email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).not.toContain('attacker.example');
      const link = lastMailedLink(target, email, 'password_reset_link') as URL;
      expect(link.origin).toBe(target.url);
      if (target !== server) await target.close();
      else {
        await resetWith(server, link);
        await signIn(server, email, undefined, newPassword);
      }
    }
  });

  it('mails links to a configured PUBLIC_URL even when the request names another host it accepts', async () => {
    const site = await startServer({ publicUrl: 'https://demo.example' });
    // Registering through the test client's own address is refused (it is not demo.example): the user is made here.
    const email = 'public-url@example.test';
    const { insertUser } = await import('../../demo-server/db/users.ts');
    insertUser(site.demo.ctx.db, { name: 'P', email, passwordHash: site.demo.ctx.dummyPasswordHash, now: site.clock.now });
    // The test client cannot reach demo.example, but it can send that Host: the request is then the public one.
    const res = await askForReset(site, email, { host: 'demo.example' });
    expect(res.status).toBe(200);
    expect(lastMailedLink(site, email, 'password_reset_link')?.origin).toBe('https://demo.example');
    await site.close();
  });
});

describe('the Host check on state-changing routes', () => {
  it('answers a form post for another Host with 421 and the right address, and lets the same form through on the real host', async () => {
    const b = new Browser(server.url);
    await b.get('/login');
    const body = new URLSearchParams({ _csrf: b.csrf as string, email: 'x@example.test', password }).toString();
    const headers = { cookie: b.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' };
    for (const host of ['attacker.example', `localhost:${new URL(server.url).port}`, `127.0.0.1:${new URL(server.url).port}@attacker.example`, '']) {
      const res = await sendRaw(server.url, { method: 'POST', path: '/login', body, headers: { ...headers, host } });
      expect(res.status, host).toBe(421);
      expect(res.text).toContain(server.url);
    }
    const real = await sendRaw(server.url, { method: 'POST', path: '/login', body, headers: { ...headers, host: new URL(server.url).host } });
    expect(real.status).toBe(401);
  });

  it('answers an API call for another Host with a 421 JSON error naming the public URL', async () => {
    const body = JSON.stringify({ email: 'x@example.test', password });
    const res = await sendRaw(server.url, { method: 'POST', path: '/api/v1/sign-in', body, headers: { host: 'attacker.example', 'content-type': 'application/json' } });
    expect(res.status).toBe(421);
    expect(JSON.parse(res.text)).toEqual({ error: 'wrong_host', message: expect.stringContaining(server.url) as string, publicUrl: server.url });
    expect((await postJson(server.url, '/api/v1/sign-in', { email: 'x@example.test', password })).status).toBe(401);
  });

  it('still serves pages (GET) for another Host, with forms that post to the real one only', async () => {
    const res = await sendRaw(server.url, { method: 'GET', path: '/login', headers: { host: 'attacker.example' } });
    expect(res.status).toBe(200);
  });

  it('leaves the /lab test bench to any host name', async () => {
    const res = await sendRaw(server.url, { method: 'POST', path: '/lab/sessions', headers: { host: `localhost:${new URL(server.url).port}` } });
    expect(res.status).not.toBe(421);
  });

  it('matches host names case-insensitively and a default port spelled out, and nothing else', () => {
    expect(isPublicHost('http://localhost:3000', 'LOCALHOST:3000')).toBe(true);
    expect(isPublicHost('https://demo.example', 'demo.example:443')).toBe(true);
    expect(isPublicHost('https://demo.example', 'demo.example')).toBe(true);
    for (const bad of ['localhost', 'localhost:3001', 'evil.localhost:3000', 'localhost:3000.evil', 'user@localhost:3000', 'localhost:3000/x', ' localhost:3000', undefined]) {
      expect(isPublicHost('http://localhost:3000', bad), String(bad)).toBe(false);
    }
  });
});

describe('PUBLIC_URL configuration', () => {
  it('defaults to http://localhost:$PORT, is fixed after listening on port 0, and refuses paths, queries and other schemes', () => {
    expect(readConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(readConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(readConfig({ PORT: '0' }).publicUrl).toBeNull();
    expect(readConfig({ PUBLIC_URL: 'https://Demo.Example:443/' }).publicUrl).toBe('https://demo.example');
    for (const bad of ['demo.example', 'ftp://demo.example', 'https://demo.example/app', 'https://demo.example/?a=1', 'https://u:p@demo.example']) {
      expect(() => parsePublicUrl(bad), bad).toThrow(/PUBLIC_URL/);
    }
  });

  it('refuses state-changing requests with 503 until a port-0 server is told its address', async () => {
    const { createApp } = await import('../../demo-server/app.ts');
    const demo = await createApp({ ...server.config, dataDir: `${server.dataDir}-unset`, publicUrl: null }, { log: { info: () => {}, alert: () => {} } });
    const http = demo.app.listen(0, '127.0.0.1');
    await new Promise((r) => http.once('listening', r));
    const { port } = http.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const before = await postJson(base, '/api/v1/sign-in', { email: 'x@example.test', password });
    expect(before.status).toBe(503);
    demo.setPublicUrl(base);
    expect((await postJson(base, '/api/v1/sign-in', { email: 'x@example.test', password })).status).toBe(401);
    expect(() => demo.setPublicUrl('http://localhost:1')).toThrow();
    http.closeAllConnections();
    await new Promise((r) => http.close(r));
    demo.close();
    rmSync(`${server.dataDir}-unset`, { recursive: true, force: true });
  });
});

// The flows most tests start from: register, sign in, enable 2FA (returning the secret and codes), make codes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { generateCode } from '../../../src/shared/index.ts';
import { Browser, type Page } from './browser.ts';
import type { TestServer } from './server.ts';

export const password = 'correct horse battery';
let counter = 0;

export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}-${process.pid}@example.test`;
}

export async function totpAt(secret: string, atMs: number): Promise<string> {
  return generateCode({ type: 'totp', issuer: '', account: 'x', secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }, atMs);
}

export interface Mail { to: string; kind: string; message: string }

/** Everything "mailed" so far (the outbox file in DATA_DIR). */
export function outbox(server: TestServer): Mail[] {
  const file = join(server.mailDir, 'outbox.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Mail);
}

/** The absolute link in the latest mail of this kind to this address, or null. */
export function lastMailedLink(server: TestServer, email: string, kind: string): URL | null {
  const mail = outbox(server).filter((m) => m.to === email.toLowerCase() && m.kind === kind).at(-1);
  const raw = mail ? /https?:\/\/\S+/.exec(mail.message)?.[0] : undefined;
  return raw ? new URL(raw) : null;
}

/** Submits the registration form; the answer is the same "check your e-mail" page for new and taken addresses. */
export async function submitRegistration(server: TestServer, email: string, name = 'Ada Lovelace', browser = new Browser(server.url)): Promise<Page> {
  await browser.get('/register');
  return browser.post('/register', { name, email, password, password_confirmation: password });
}

/** Registers a new address and signs in with it (unverified: registration itself signs nobody in). */
export async function register(server: TestServer, email = uniqueEmail(), name = 'Ada Lovelace', browser = new Browser(server.url)): Promise<{ browser: Browser; email: string }> {
  const res = await submitRegistration(server, email, name, browser);
  expect(res.status, res.text).toBe(200);
  expect(res.text).toContain('Check your e-mail');
  await signIn(server, email, browser);
  return { browser, email };
}

/** Opens the latest verification link mailed to this address and presses its button, in `browser`. */
export async function verifyEmail(server: TestServer, email: string, browser = new Browser(server.url)): Promise<Page> {
  const link = lastMailedLink(server, email, 'email_verification_link');
  expect(link, `no verification mail to ${email}`).not.toBeNull();
  const page = await browser.get((link as URL).pathname + (link as URL).search);
  expect(page.status, page.text).toBe(200);
  return browser.post('/verify-email', { token: (link as URL).searchParams.get('token') as string });
}

export async function confirmPassword(browser: Browser, next = '/settings'): Promise<Page> {
  await browser.get(`/user/confirm-password?next=${encodeURIComponent(next)}`);
  return browser.post('/user/confirm-password', { password, next });
}

/** Starts setup through the real pages and returns the secret shown in data-testid="two-factor-secret". */
export async function startSetup(browser: Browser): Promise<{ page: Page; secret: string }> {
  await browser.get('/settings');
  const first = await browser.post('/user/two-factor-authentication');
  let page: Page;
  if (first.location?.startsWith('/user/confirm-password')) {
    await browser.get(first.location);
    page = await browser.follow(browser.post('/user/confirm-password', { password, next: '/user/two-factor-authentication' }));
  } else {
    page = await browser.follow(first);
  }
  expect(page.status, page.text).toBe(200);
  const secret = /data-testid="two-factor-secret">([A-Z2-7]+)</.exec(page.text)?.[1];
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  return { page, secret: secret as string };
}

export function recoveryCodesIn(text: string): string[] {
  const list = /data-testid="recovery-codes">(.*?)<\/ul>/s.exec(text)?.[1] ?? '';
  return [...list.matchAll(/<code>([0-9A-Z-]+)<\/code>/g)].map((m) => m[1] as string);
}

/** Registers (or uses) a user and enables 2FA; the code used to confirm consumes the current step. */
export async function enableTwoFactor(server: TestServer, browser: Browser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await startSetup(browser);
  const res = await browser.post('/user/confirmed-two-factor-authentication', { code: await totpAt(secret, server.clock.now) });
  expect(res.status, res.text).toBe(303);
  const codesPage = await browser.follow(res);
  const recoveryCodes = recoveryCodesIn(codesPage.text);
  expect(recoveryCodes).toHaveLength(8);
  return { secret, recoveryCodes };
}

export async function twoFactorUser(server: TestServer, email = uniqueEmail()): Promise<{ email: string; secret: string; recoveryCodes: string[] }> {
  const { browser } = await register(server, email);
  const r = await enableTwoFactor(server, browser);
  await browser.post('/logout');
  // The confirming code used this step; move on so the next code for "now" is fresh.
  server.clock.advance(30_000);
  return { email, ...r };
}

/** Password step only: the browser ends on the pending challenge. */
export async function passwordStep(server: TestServer, email: string, browser = new Browser(server.url)): Promise<Browser> {
  await browser.get('/login');
  const res = await browser.post('/login', { email, password });
  expect(res.location).toBe('/two-factor-challenge');
  await browser.get('/two-factor-challenge');
  return browser;
}

export async function signIn(server: TestServer, email: string, browser = new Browser(server.url), pw = password): Promise<Browser> {
  await browser.get('/login');
  const res = await browser.post('/login', { email, password: pw });
  expect(res.location).toBe('/settings');
  return browser;
}

const admins = new WeakMap<TestServer, Promise<Browser>>();

/** A signed-in administrator (admin@example.test, verified), registered once per server, with a fresh password confirmation. */
export async function adminBrowser(server: TestServer): Promise<Browser> {
  if (!admins.has(server)) {
    admins.set(server, register(server, 'admin@example.test', 'Admin').then(async (r) => {
      await verifyEmail(server, r.email, r.browser);
      return r.browser;
    }));
  }
  const browser = await (admins.get(server) as Promise<Browser>);
  await confirmPassword(browser);
  return browser;
}

export async function signInWithTotp(server: TestServer, email: string, secret: string, browser = new Browser(server.url)): Promise<Browser> {
  await passwordStep(server, email, browser);
  const res = await browser.post('/two-factor-challenge', { code: await totpAt(secret, server.clock.now) });
  expect(res.location).toBe('/settings');
  await browser.get('/settings');
  return browser;
}

// Shared setup for the autofill browser tests: the lab router on a loopback port, and a vault with the lab account.
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Frame, Page } from 'puppeteer-core';
import { createLabRouter } from '../../demo-server/routes/lab.ts';
import type { OtpAccount } from '../../src/shared/index.ts';
import { callBackgroundFrom as callFromExtension, contentScriptReady, type Harness } from './harness.ts';

export interface LabServer {
  port: number;
  /** Base URL of the server on one loopback name. */
  url(host: '127.0.0.1' | 'localhost'): string;
  newSession(): Promise<{ base: string; account: OtpAccount }>;
  close(): Promise<void>;
}

/** `clockSkewMs`: the lab's clock (its Date header and the codes it accepts) runs this far ahead of the machine's. */
export async function startLab(opts: { clockSkewMs?: number } = {}): Promise<LabServer> {
  const app = express();
  const skew = opts.clockSkewMs ?? 0;
  if (skew !== 0) app.use((_req, res, next) => { res.setHeader('Date', new Date(Date.now() + skew).toUTCString()); next(); });
  app.use('/lab', createLabRouter({ appName: 'Keyfob Demo', ...(skew !== 0 ? { now: () => Date.now() + skew } : {}) }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = (host: string) => `http://${host}:${port}`;
  return {
    port,
    url,
    async newSession() {
      const res = await fetch(`${url('127.0.0.1')}/lab/sessions`, { method: 'POST' });
      return (await res.json()) as { base: string; account: OtpAccount };
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export const MASTER_PASSWORD = 'correct horse battery staple 42';

/** What an account is bound to so that its codes fill on `pageUrl`: the page's origin (scheme, host and port). */
export function bindingFor(pageUrl: string): string {
  return new URL(pageUrl).origin;
}

/** Kept under the name the autofill tests use. */
export { callBackgroundFrom as callFromExtension } from './harness.ts';

/** Creates the vault and adds `account` bound to `origins`; returns the extension page used (kept open for later calls). */
export async function vaultWith(h: Harness, account: OtpAccount, origins: string[]): Promise<{ ext: Page; accountId: string }> {
  const ext = await h.openPopupTab();
  await callFromExtension(ext, 'createVault', { password: MASTER_PASSWORD });
  const { added } = await callFromExtension<{ added: { id: string }[] }>(ext, 'addAccounts', { drafts: [{ account, origins }] });
  const id = added[0]?.id;
  if (!id) throw new Error('account not added');
  return { ext, accountId: id };
}

/** Waits until the input matched by `selector` (in `page` or one of its frames) holds a 6-digit code. */
export async function waitForCode(scope: { waitForFunction: Page['waitForFunction'] }, selector: string, timeout = 15_000): Promise<void> {
  await scope.waitForFunction((sel: string) => {
    const el = document.querySelector(sel);
    return el instanceof HTMLInputElement && /^\d{6}$/.test(el.value);
  }, { timeout }, selector);
}

/**
 * Forgets which TOTP steps Keyfob already filled (session storage), as the passing of a 30 s step would. For suites
 * about where and how a code is filled, whose tests fill the same account on the same origin within seconds; the
 * never-twice rule itself is tested in autofill-no-reuse.test.ts.
 */
export async function forgetFilledSteps(h: Harness): Promise<void> {
  await (await h.worker()).evaluate(() => chrome.storage.session.remove(['autofill.filledSteps', 'autofill.filledOrigins']));
}

/** Submits a lab challenge form and expects the lab to accept the code. */
export async function verifyLabAccepted(scope: Page | Frame): Promise<void> {
  await Promise.all([scope.waitForNavigation(), scope.click('button[type="submit"]')]);
  const result = await scope.waitForSelector('[data-testid="lab-result"]');
  if ((await result?.evaluate((el) => el.textContent)) !== 'accepted') throw new Error('the lab did not accept the code');
}

/**
 * Lets the content script finish its first pass before a test asserts that nothing happened: it answers a ping, the
 * worker has answered a message since, and a second has passed.
 */
export async function settleContentScript(h: Harness, ext: Page, page: Page): Promise<void> {
  await contentScriptReady(h, page);
  await callFromExtension(ext, 'getStatus', {});
  await new Promise((r) => setTimeout(r, 1000));
}

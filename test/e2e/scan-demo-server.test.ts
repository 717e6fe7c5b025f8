// Scans the demo server's real enable-2FA QR through the real action popup and checks the saved
// account gives the same codes as the secret the page shows for manual entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/shared/index.ts';
import { launchWithExtension, type Harness } from './harness.ts';
import { startDemoSite, type DemoSite } from './demo-site.ts';
import { callFromPage, MASTER, press, totp, waitForText } from './popup-driver.ts';

describe('scanning the demo server’s enable page', () => {
  let h: Harness;
  let site: DemoSite;
  let base: string;

  beforeAll(async () => {
    site = await startDemoSite();
    base = site.base;
    h = await launchWithExtension();
    const setup = await h.openPopupTab();
    await callFromPage(setup, 'createVault', { password: MASTER });
    await setup.close();
  });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  it('saves the account from the enable page QR, bound to the demo site, with the codes of the shown key', async () => {
    const page = await h.newPage(`${base}/register`);
    const password = 'a long demo password 42';
    await page.type('input[name="name"]', 'Erin');
    await page.type('input[name="email"]', 'erin@example.com');
    await page.type('input[name="password"]', password);
    await page.type('input[name="password_confirmation"]', password);
    await Promise.all([page.waitForNavigation(), press(page, 'Register')]);
    await page.goto(`${base}/settings`);
    if (new URL(page.url()).pathname === '/login') {
      await page.type('input[name="email"]', 'erin@example.com');
      await page.type('input[name="password"]', password);
      await Promise.all([page.waitForNavigation(), press(page, 'Sign in')]);
      await page.goto(`${base}/settings`);
    }
    await Promise.all([page.waitForNavigation(), press(page, 'Enable two-factor authentication')]);
    if (new URL(page.url()).pathname === '/user/confirm-password') {
      await page.type('input[name="password"]', password);
      await Promise.all([page.waitForNavigation(), press(page, 'Confirm')]);
      // Depending on the flow, confirming returns to settings, where setup is started again.
      if (!(await page.$('[data-testid="two-factor-secret"]'))) {
        await Promise.all([page.waitForNavigation(), press(page, 'Enable two-factor authentication')]);
      }
    }
    const secret = (await page.$eval('[data-testid="two-factor-secret"]', (e) => e.textContent ?? '')).replace(/\s/g, '');

    const popup = await h.openActionPopup(page);
    await press(popup, 'Scan QR code');
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    expect(await issuer?.evaluate((e) => (e as HTMLInputElement).value)).toBe('Keyfob Demo');
    await waitForText(popup, '[data-testid="scan-site"]', `Codes will be filled on ${base}.`);
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Keyfob Demo');

    const { accounts } = await callFromPage<{ accounts: { id: string; account: string; origins: string[] }[] }>(popup, 'listAccounts', {});
    const saved = accounts.find((a) => a.account === 'erin@example.com');
    expect(saved?.origins).toEqual([base]);
    const before = Date.now();
    const { codes } = await callFromPage<{ codes: { id: string; code: string }[] }>(popup, 'getCodes', { ids: [saved?.id] });
    const after = Date.now();
    const account = totp('Keyfob Demo', 'erin@example.com', secret);
    expect([await generateCode(account, before), await generateCode(account, after)]).toContain(codes[0]?.code);
  });
});

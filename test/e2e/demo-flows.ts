// Steps on the demo server that several browser tests take as a user: submit a form, register and open the 2FA setup.
import type { Page } from 'puppeteer-core';
import { press } from './popup-driver.ts';

/** Presses a form's button and waits for the page it leads to. */
export async function submit(page: Page, button: string): Promise<void> {
  await page.bringToFront(); // background tabs do not animate, and clicks wait for a frame
  await Promise.all([page.waitForNavigation(), press(page, button)]);
}

/** Registers a user, signs in (registration signs nobody in; the address may stay unverified) and opens
 * Settings → Enable two-factor authentication, confirming the password if asked. */
export async function registerAndOpenTwoFactorSetup(page: Page, base: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/register`);
  await page.type('input[name="name"]', 'Jo');
  await page.type('input[name="email"]', user.email);
  await page.type('input[name="password"]', user.password);
  await page.type('input[name="password_confirmation"]', user.password);
  await submit(page, 'Register');
  await page.goto(`${base}/login`);
  await page.type('input[name="email"]', user.email);
  await page.type('input[name="password"]', user.password);
  await submit(page, 'Sign in');
  await page.goto(`${base}/settings`);
  await submit(page, 'Enable two-factor authentication');
  if (new URL(page.url()).pathname === '/user/confirm-password') {
    await page.type('input[name="password"]', user.password);
    await submit(page, 'Confirm');
    if (!(await page.$('[data-testid="two-factor-secret"]'))) await submit(page, 'Enable two-factor authentication');
  }
}

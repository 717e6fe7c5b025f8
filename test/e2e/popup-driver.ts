// Drives the popup like a person would (labels, buttons, keyboard) for the popup and scan browser tests.
import type { Page } from 'puppeteer-core';
import type { OtpAccount } from '../../src/shared/index.ts';

export const MASTER = 'correct horse battery staple';

export async function fill(page: Page, label: string, value: string): Promise<void> {
  const field = await page.waitForSelector(`::-p-aria(${label})`);
  if (!field) throw new Error(`No field labelled ${label}`);
  await field.click({ count: 3 });
  await field.type(value);
}

export async function press(page: Page, name: string): Promise<void> {
  const button = await page.waitForSelector(`::-p-aria([name="${name}"][role="button"])`);
  if (!button) throw new Error(`No button ${name}`);
  await button.click();
}

/** Waits until an element with this text is on screen and returns its text. */
export async function waitForText(page: Page, selector: string, text: string): Promise<string> {
  const el = await page.waitForSelector(`${selector}::-p-text(${text})`);
  return (await el?.evaluate((e) => e.textContent ?? '')) ?? '';
}

export async function createVaultThroughUi(page: Page, password = MASTER): Promise<void> {
  await fill(page, 'Master password', password);
  await fill(page, 'Confirm master password', password);
  await press(page, 'Create vault');
  await page.waitForSelector('::-p-aria(Search)');
}

/** Kept under the name the popup tests use. */
export { callBackgroundFrom as callFromPage } from './harness.ts';

export function totp(issuer: string, account: string, secret: string): OtpAccount {
  return { type: 'totp', issuer, account, secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
}

/** The rows of the account list as their visible text. */
export async function listRows(page: Page): Promise<string[]> {
  return page.$$eval('[role="list"] [role="listitem"]', (rows) => rows.map((r) => r.textContent ?? ''));
}

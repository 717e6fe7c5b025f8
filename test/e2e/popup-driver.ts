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
  // Polled, not mutation-driven: Preact updates an existing text node in place, a characterData change
  // that waitForSelector's observer does not see, so '' → 'Saved.' could go unnoticed until the timeout.
  const found = await page.waitForFunction((sel: string, want: string) => {
    const el = Array.from(document.querySelectorAll(sel)).find((e) => (e.textContent ?? '').includes(want));
    return el ? el.textContent ?? '' : false;
  }, { polling: 50 }, selector, text);
  return (await found.jsonValue()) as string;
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

/**
 * Adds "ACME / alice@example.com" through the Add account form with `secret` typed the way people paste it,
 * then reads the row's code away from a period boundary, where the row may take a moment to switch.
 */
export async function addAcmeByHandAndReadCode(popup: Page, secret: string): Promise<{ shown: string; now: number }> {
  await press(popup, 'Add account');
  await fill(popup, 'Issuer', 'ACME');
  await fill(popup, 'Account name', 'alice@example.com');
  await fill(popup, 'Secret key', secret.toLowerCase().replace(/(.{4})/g, '$1 ').trim());
  await press(popup, 'Save');
  await waitForText(popup, '[role="status"]', 'Saved ACME');
  const seen = await popup.waitForFunction(() => {
    const shown = document.querySelector('[data-testid="code"]')?.textContent ?? '';
    const now = Date.now();
    return now % 30_000 > 1000 && now % 30_000 < 29_000 && /\d/.test(shown) ? { shown, now } : null;
  }, { polling: 100 });
  return (await seen.jsonValue()) as { shown: string; now: number };
}

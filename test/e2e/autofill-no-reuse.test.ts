// A code is never filled twice: signing in again within the same 30 s step gets "Next code in N s" by the field and
// the next step's code the moment it is valid, instead of the code the site has just accepted (and would refuse).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { generateCode, type OtpAccount } from '../../src/shared/index.ts';
import { launchWithExtension, type Harness } from './harness.ts';
import { bindingFor, startLab, vaultWith, waitForCode, type LabServer } from './autofill-setup.ts';
import { keyfobButtonLabel } from './attacks/inline-ui-driver.ts';

const STEP_MS = 30_000;

describe('the same step twice', () => {
  let h: Harness;
  let lab: LabServer;
  let base: string;
  let account: OtpAccount;

  beforeAll(async () => {
    lab = await startLab();
    ({ base, account } = await lab.newSession());
    h = await launchWithExtension();
    await vaultWith(h, account, [bindingFor(lab.url('127.0.0.1'))]);
  });
  afterAll(async () => {
    await h?.close();
    await lab?.close();
  });

  const codeIn = (page: Page) => page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value);

  it('waits for the next code instead of filling the one the site just accepted', async () => {
    // Not at the very end of a step, so that both sign-ins fall in the same one.
    while (STEP_MS - (Date.now() % STEP_MS) < 10_000) await new Promise((r) => setTimeout(r, 200));
    const step = Math.floor(Date.now() / STEP_MS);
    const page = await h.newPage(`${lab.url('127.0.0.1')}${base}/challenge/plain`);
    await waitForCode(page, 'input[name="code"]');
    const first = await codeIn(page);
    expect(first).toBe(await generateCode(account, step * STEP_MS));
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('accepted');

    // Signing in again in the same step: the field stays empty and says when the next code comes.
    await page.goto(`${lab.url('127.0.0.1')}${base}/challenge/plain`);
    expect(await keyfobButtonLabel(page)).toMatch(/^Next code in \d+ s$/);
    expect(await codeIn(page)).toBe('');
    expect(Math.floor(Date.now() / STEP_MS)).toBe(step);

    // At the next step the new code is filled at once, and the site accepts it.
    const filled = await page.waitForFunction(() => {
      const v = document.querySelector<HTMLInputElement>('input[name="code"]')?.value ?? '';
      return /^\d{6}$/.test(v) ? { v, at: Date.now() } : null;
    }, { polling: 50, timeout: STEP_MS + 10_000 });
    const { v, at } = (await filled.jsonValue()) as { v: string; at: number };
    expect(v).toBe(await generateCode(account, (step + 1) * STEP_MS));
    expect(v).not.toBe(first);
    expect(at - (step + 1) * STEP_MS).toBeGreaterThanOrEqual(0);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('accepted');
    await page.close();
  });
});

// The popup's "Fill one-time code" chooser in real Chromium: several bound accounts → pick one; an unbound
// account → "Link this site to …?" → Link and fill.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { generateCode, type OtpAccount } from '../../src/shared/index.ts';
import { askContentScript, contentScriptReady, launchWithExtension, type Harness } from './harness.ts';
import { bindingFor, callFromExtension, forgetFilledSteps, MASTER_PASSWORD, startLab, vaultWith, type LabServer } from './autofill-setup.ts';
import { clickKeyfobButton, keyfobButtonLabel } from './attacks/inline-ui-driver.ts';
import { fill, press } from './popup-driver.ts';

interface AccountRow { id: string; origins: string[] }

describe('choosing the account in the popup', () => {
  let h: Harness;
  let lab: LabServer;
  let ext: Page;
  let first: { base: string; account: OtpAccount };
  let second: { base: string; account: OtpAccount };
  let firstId: string;

  beforeAll(async () => {
    lab = await startLab();
    first = await lab.newSession();
    second = await lab.newSession();
    h = await launchWithExtension();
    ({ ext, accountId: firstId } = await vaultWith(h, first.account, [bindingFor(lab.url('127.0.0.1'))]));
    await callFromExtension(ext, 'addAccounts', { drafts: [{ account: second.account, origins: [bindingFor(lab.url('127.0.0.1'))] }] });
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await lab?.close();
  });

  const nameOf = (a: OtpAccount) => `${a.issuer} / ${a.account}`;

  /** Resolves with the Keyfob page the next action opens (the toolbar popup, or the same page in a small window). */
  function nextKeyfobPage(): Promise<Page> {
    const popupUrl = `chrome-extension://${h.extensionId}/extension/popup/index.html`;
    return h.browser.waitForTarget((t) => t.url().startsWith(popupUrl) && t !== ext.target(), { timeout: 10_000 })
      .then(async (t) => {
        const page = await t.asPage();
        await page.waitForFunction(() => document.readyState === 'complete');
        return page;
      });
  }

  /** Waits for the chooser and returns the names it lists. */
  async function choices(popup: Page): Promise<string[]> {
    await popup.waitForSelector('h1::-p-text(Fill one-time code)');
    return popup.$$eval('[role="list"] [role="listitem"] button', (els) => els.map((e) => e.firstChild?.textContent ?? ''));
  }

  /** The code the page's field received, with the moment it was seen (a handed-out code has at least 3 s left). */
  async function filledCode(page: Page): Promise<{ value: string; at: number }> {
    const seen = await page.waitForFunction(() => {
      const value = document.querySelector<HTMLInputElement>('input[name="code"]')?.value ?? '';
      return /^\d{6}$/.test(value) ? { value, at: Date.now() } : null;
    }, { polling: 50, timeout: 15_000 });
    return (await seen.jsonValue()) as { value: string; at: number };
  }



  it('fills nothing on its own when two accounts fit, and fills the code of the account picked in the popup', async () => {
    const page = await h.newPage(`${lab.url('127.0.0.1')}${first.base}/challenge/plain`);
    expect(await keyfobButtonLabel(page)).toBe('Fill from Keyfob…');
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');

    const opened = nextKeyfobPage();
    await clickKeyfobButton(page);
    const popup = await opened;
    expect((await choices(popup)).sort()).toEqual([nameOf(first.account), nameOf(second.account)].sort());

    // Keyboard: the first choice has focus; arrows move between choices and Enter picks.
    const focused = async () => popup.evaluate(() => document.activeElement?.firstChild?.textContent ?? '');
    const names = await choices(popup);
    const wanted = names.indexOf(nameOf(first.account));
    for (let i = 0; i < wanted; i++) await popup.keyboard.press('ArrowDown');
    expect(await focused()).toBe(nameOf(first.account));
    await popup.keyboard.press('Enter');

    const { value, at } = await filledCode(page);
    expect(value).toBe(await generateCode(first.account, at));
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('accepted');
    await page.close();
  });

  it('asks once to link a site no account is bound to, then fills and remembers the site', async () => {
    const page = await h.newPage(`${lab.url('localhost')}${first.base}/challenge/plain`);
    await contentScriptReady(h, page);
    const opened = nextKeyfobPage();
    // "Fill one-time code" from the shortcut or context menu, on a field no bound account fits.
    await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' });
    const popup = await opened;
    expect((await choices(popup)).sort()).toEqual([nameOf(first.account), nameOf(second.account)].sort());

    const pick = await popup.waitForSelector(`[role="listitem"] button::-p-text(${first.account.account})`);
    await pick?.click();
    const question = await popup.waitForSelector('[role="alertdialog"]');
    expect(await question?.evaluate((el) => el.textContent?.trim())).toBe(`Link this site to ${nameOf(first.account)}?`);
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    const link = await popup.waitForSelector('::-p-aria([name="Link and fill"][role="button"])');
    await link?.click();

    const { value, at } = await filledCode(page);
    expect(value).toBe(await generateCode(first.account, at));
    const { accounts } = await callFromExtension<{ accounts: AccountRow[] }>(ext, 'listAccounts', {});
    expect(accounts.find((a) => a.id === firstId)?.origins).toEqual([bindingFor(lab.url('127.0.0.1')), bindingFor(lab.url('localhost'))]);
    await page.close();
  });

  it('while locked, unlocking in the popup opened from the hint continues to the chooser', async () => {
    await callFromExtension(ext, 'lock', {});
    const page = await h.newPage(`${lab.url('127.0.0.1')}${second.base}/challenge/plain`);
    expect(await keyfobButtonLabel(page)).toBe('Unlock Keyfob to fill');
    const opened = nextKeyfobPage();
    await clickKeyfobButton(page);
    const popup = await opened;
    await fill(popup, 'Master password', MASTER_PASSWORD);
    await press(popup, 'Unlock');
    expect((await choices(popup)).sort()).toEqual([nameOf(first.account), nameOf(second.account)].sort());
    const pick = await popup.waitForSelector(`[role="listitem"] button::-p-text(${second.account.account})`);
    await pick?.click();

    const { value, at } = await filledCode(page);
    expect(value).toBe(await generateCode(second.account, at));
    await page.close();
  });
});

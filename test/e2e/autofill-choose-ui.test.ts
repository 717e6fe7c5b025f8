// The popup's "Fill one-time code" chooser in real Chromium: several bound accounts → pick one; an account of another
// site is never listed, and another site is linked only from the account's details, with the master password.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { generateCode, type OtpAccount } from '../../src/shared/index.ts';
import { askContentScript, contentScriptReady, launchWithExtension, type Harness } from './harness.ts';
import { bindingFor, callFromExtension, forgetFilledSteps, MASTER_PASSWORD, startLab, vaultWith, type LabServer } from './autofill-setup.ts';
import { clickKeyfobButton, keyfobButtonLabel } from './attacks/inline-ui-driver.ts';
import { fill, press } from './popup-driver.ts';
import { nextKeyfobPage, pressEnterClosing } from './keyfob-window.ts';

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

    const opened = nextKeyfobPage(h);
    await clickKeyfobButton(page);
    const popup = await opened;
    expect((await choices(popup)).sort()).toEqual([nameOf(first.account), nameOf(second.account)].sort());

    // Keyboard: the first choice has focus; arrows move between choices and Enter picks.
    const focused = async () => popup.evaluate(() => document.activeElement?.firstChild?.textContent ?? '');
    const names = await choices(popup);
    const wanted = names.indexOf(nameOf(first.account));
    for (let i = 0; i < wanted; i++) await popup.keyboard.press('ArrowDown');
    expect(await focused()).toBe(nameOf(first.account));
    await pressEnterClosing(popup);

    const { value, at } = await filledCode(page);
    expect(value).toBe(await generateCode(first.account, at));
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('accepted');
    await page.close();
  });

  it('never offers an account of another site: 127.0.0.1\'s accounts are not listed on localhost', async () => {
    const page = await h.newPage(`${lab.url('localhost')}${first.base}/challenge/plain`);
    await contentScriptReady(h, page);
    const opened = nextKeyfobPage(h);
    // "Fill one-time code" from the shortcut or context menu, on a field no account of this site fits.
    await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' });
    const popup = await opened;
    const none = await popup.waitForSelector('[data-testid="no-account-for-site"]');
    expect(await none?.evaluate((el) => el.textContent)).toContain(bindingFor(lab.url('localhost')));
    expect(await popup.$$('[role="listitem"]')).toEqual([]);
    expect(await popup.$('[role="alertdialog"]')).toBeNull();
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    await popup.close();
    await page.close();
  });

  it('links another site only from the account\'s details, after a warning naming both sites and the master password', async () => {
    const localhost = bindingFor(lab.url('localhost'));
    const bound = bindingFor(lab.url('127.0.0.1'));
    const popup = await h.openPopupTab();
    await popup.click(`::-p-aria([name="Details for ${first.account.issuer} ${first.account.account}"])`);
    const origins = await popup.waitForSelector('::-p-aria(Bound origins (one per line))');
    await origins?.evaluate((el) => { (el as HTMLTextAreaElement).value = ''; });
    await fill(popup, 'Bound origins (one per line)', `${bound}\n${localhost}`);
    await press(popup, 'Save changes');
    const warning = await popup.waitForSelector('[data-testid="other-site-warning"]');
    const text = await warning?.evaluate((el) => el.textContent ?? '');
    expect(text).toContain(localhost);
    expect(text).toContain(new URL(bound).host);
    // A wrong password binds nothing.
    await fill(popup, 'Master password', `${MASTER_PASSWORD}!`);
    await press(popup, 'Bind and save');
    await popup.waitForSelector('[role="alert"].error');
    const before = await callFromExtension<{ accounts: AccountRow[] }>(ext, 'listAccounts', {});
    expect(before.accounts.find((a) => a.id === firstId)?.origins).toEqual([bound]);
    await fill(popup, 'Master password', MASTER_PASSWORD);
    await press(popup, 'Bind and save');
    await popup.waitForSelector('::-p-text(Changes saved)');
    const { accounts } = await callFromExtension<{ accounts: AccountRow[] }>(ext, 'listAccounts', {});
    expect(accounts.find((a) => a.id === firstId)?.origins).toEqual([bound, localhost]);
    await popup.close();

    // Bound now: the localhost page is filled on sight with the first account's code.
    const page = await h.newPage(`${lab.url('localhost')}${first.base}/challenge/plain`);
    const { value, at } = await filledCode(page);
    expect(value).toBe(await generateCode(first.account, at));
    await page.close();
  });

  it('while locked, unlocking in the popup opened from the hint continues to the chooser', async () => {
    await callFromExtension(ext, 'lock', {});
    const page = await h.newPage(`${lab.url('127.0.0.1')}${second.base}/challenge/plain`);
    expect(await keyfobButtonLabel(page)).toBe('Unlock Keyfob to fill');
    const opened = nextKeyfobPage(h);
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

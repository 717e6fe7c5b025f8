// Recovery codes (saved from the page that issues them, spent at the challenge only after a choice in Keyfob's own
// window) and "Fill from Keyfob…" with the one-time "Link this site?" step, in real Chromium.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { askContentScript, contentScriptReady, launchWithExtension, type Harness } from './harness.ts';
import { bindingFor, callFromExtension, forgetFilledSteps, startLab, vaultWith, type LabServer, MASTER_PASSWORD } from './autofill-setup.ts';
import { clickKeyfobButton, keyfobButtonLabel } from './attacks/inline-ui-driver.ts';
import { nextKeyfobPage, tabIdOf } from './keyfob-window.ts';
import { press, waitForText } from './popup-driver.ts';
import { saveRecoveryCodesThroughKeyfob } from './recovery-save-driver.ts';

interface AccountRow { id: string; origins: string[]; recoveryCodes: { total: number; unused: number } }

describe('recovery codes and choosing an account', () => {
  let h: Harness;
  let lab: LabServer;
  let ext: Page;
  let accountId: string;
  let base: string;

  beforeAll(async () => {
    lab = await startLab();
    const session = await lab.newSession();
    base = session.base;
    h = await launchWithExtension();
    ({ ext, accountId } = await vaultWith(h, session.account, [bindingFor(lab.url('127.0.0.1'))]));
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await lab?.close();
  });

  async function account(): Promise<AccountRow> {
    const { accounts } = await callFromExtension<{ accounts: AccountRow[] }>(ext, 'listAccounts', {});
    const found = accounts.find((a) => a.id === accountId);
    if (!found) throw new Error('account gone');
    return found;
  }



  const recoveryValue = (page: Page) => page.$eval('input[name="recovery_code"]', (el) => (el as HTMLInputElement).value);

  /** The key button on the recovery field → Keyfob's window → "Use recovery code"; returns the window's question. */
  async function spendOne(page: Page): Promise<string> {
    const opened = nextKeyfobPage(h);
    await clickKeyfobButton(page, 'input[name="recovery_code"]');
    const keyfob = await opened;
    await (await keyfob.waitForSelector('[role="listitem"] button'))?.click();
    const question = await waitForText(keyfob, '[data-testid="recovery-warning"]', 'will be used up');
    await press(keyfob, 'Use recovery code');
    return question;
  }

  it('saves issued recovery codes, and spends one only after the user chose it in Keyfob\'s window, marking it used at once', async () => {
    const codesPage = await h.newPage(`${lab.url('127.0.0.1')}${base}/recovery-codes`);
    const shown = await codesPage.$$eval('[data-testid="recovery-codes"] code', (els) => els.map((e) => e.textContent ?? ''));
    expect(await saveRecoveryCodesThroughKeyfob(h, codesPage, 'Save 8 recovery codes from')).toMatch(/^Saved 8 recovery codes for /);
    expect((await account()).recoveryCodes).toEqual({ total: 8, unused: 8 });
    await codesPage.close();

    const page = await h.newPage(`${lab.url('127.0.0.1')}${base}/challenge/recovery`);
    expect(await keyfobButtonLabel(page, 'input[name="recovery_code"]')).toBe('Fill a recovery code from Keyfob…');
    // Neither the page's load, nor the shortcut, nor an unlock hands a recovery code out by itself.
    await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'unlocked' });
    await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'added' });
    expect(await recoveryValue(page)).toBe('');
    expect((await account()).recoveryCodes.unused).toBe(8);

    expect(await spendOne(page)).toMatch(/It will be used up: 7 codes stay unused/);
    await page.waitForFunction((first: string) => document.querySelector<HTMLInputElement>('input[name="recovery_code"]')?.value === first, {}, shown[0] ?? '');
    // Counted as used the moment it left the vault, before the site even saw it.
    expect((await account()).recoveryCodes.unused).toBe(7);
    // The choice was for one code, once: asking again with it gives nothing.
    expect(await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'chosen' })).toEqual({ ok: true, value: { filled: false } });
    expect((await account()).recoveryCodes.unused).toBe(7);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('accepted');

    await page.goto(`${lab.url('127.0.0.1')}${base}/challenge/recovery`);
    expect(await spendOne(page)).toMatch(/6 codes stay unused/);
    await page.waitForFunction((second: string) => document.querySelector<HTMLInputElement>('input[name="recovery_code"]')?.value === second, {}, shown[1] ?? '');
    expect((await account()).recoveryCodes.unused).toBe(6);
    await page.close();
  });

  it('on an origin of another site, "Fill one-time code" offers no account and links nothing, even with the master password', async () => {
    const page = await h.newPage(`${lab.url('localhost')}${base}/challenge/plain`);
    await contentScriptReady(h, page);
    const tabId = await tabIdOf(h, page);
    const opened = nextKeyfobPage(h);
    const reply = await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' });
    expect(reply).toEqual({ ok: true, value: { filled: false } });
    await (await opened).close();

    // localhost is not the site 127.0.0.1 is: nothing is listed, and no choice is accepted.
    const pending = await callFromExtension<{ origin: string; frame: string; accounts: unknown[] }>(ext, 'pendingFill', { tabId });
    expect(pending).toMatchObject({ origin: bindingFor(lab.url('localhost')), frame: 'top', accounts: [] });
    for (const linkSite of [false, true]) {
      await expect(callFromExtension(ext, 'choosePendingFill', { tabId, origin: pending.origin, accountId, linkSite, masterPassword: MASTER_PASSWORD }))
        .rejects.toThrow(/not_found|cannot fill/);
    }
    expect((await account()).origins).toEqual([bindingFor(lab.url('127.0.0.1'))]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    await page.close();
  });

  it('refuses the content-script methods when an extension page calls them', async () => {
    const fromPage = await ext.evaluate(() => chrome.runtime.sendMessage({ keyfob: 1, method: 'codeForField', params: { fieldKind: 'totp', trigger: 'auto' } }));
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

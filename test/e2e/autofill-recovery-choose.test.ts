// Recovery codes (save from the page that issues them, use one at the challenge) and "Fill from Keyfob…" with
// the one-time "Link this site?" step, in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { askContentScript, launchWithExtension, type Harness } from './harness.ts';
import { callFromExtension, startLab, vaultWith, waitForCode, type LabServer } from './autofill-setup.ts';

interface AccountRow { id: string; sites: string[]; recoveryCodes: { total: number; unused: number } }

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
    ({ ext, accountId } = await vaultWith(h, session.account, ['127.0.0.1']));
  });
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

  async function contentReady(page: Page): Promise<void> {
    const worker = await h.worker();
    for (let attempt = 0; ; attempt++) {
      try { await askContentScript(worker, page, 'contentPing'); return; } catch (err) {
        if (attempt > 40) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  it('saves freshly issued recovery codes into the bound account, then signs in with the next unused one', async () => {
    const codesPage = await h.newPage(`${lab.url('127.0.0.1')}${base}/recovery-codes`);
    const shown = await codesPage.$$eval('[data-testid="recovery-codes"] code', (els) => els.map((e) => e.textContent ?? ''));
    const save = await codesPage.waitForSelector('keyfob-inline[data-keyfob="save-recovery-codes"] >>> button');
    expect(await save?.evaluate((el) => el.textContent)).toBe('Save these recovery codes in Keyfob');
    await save?.click();
    await codesPage.waitForFunction(() => document.querySelector('keyfob-inline[data-keyfob="save-recovery-codes"]')
      ?.shadowRoot?.querySelector('[role="status"]')?.textContent === 'Saved 8 recovery codes in Keyfob');
    expect((await account()).recoveryCodes).toEqual({ total: 8, unused: 8 });
    await codesPage.close();

    const page = await h.newPage(`${lab.url('127.0.0.1')}${base}/challenge/recovery`);
    const key = await page.waitForSelector('keyfob-inline[data-keyfob="fill-button"] >>> button');
    // A recovery code is single-use: it is offered, never typed on sight.
    expect(await page.$eval('input[name="recovery_code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    await key?.click();
    await page.waitForFunction((first: string) => document.querySelector<HTMLInputElement>('input[name="recovery_code"]')?.value === first, {}, shown[0] ?? '');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('accepted');
    // Marked used only after the sign-in moved on to the next page.
    for (let i = 0; (await account()).recoveryCodes.unused !== 7; i++) {
      if (i > 50) throw new Error('recovery code never marked used');
      await new Promise((r) => setTimeout(r, 100));
    }

    await page.goto(`${lab.url('127.0.0.1')}${base}/challenge/recovery`);
    await (await page.waitForSelector('keyfob-inline[data-keyfob="fill-button"] >>> button'))?.click();
    await page.waitForFunction((second: string) => document.querySelector<HTMLInputElement>('input[name="recovery_code"]')?.value === second, {}, shown[1] ?? '');
    await page.close();
  });

  it('on a site no account is bound to, "Fill one-time code" waits for a choice and links the site only once confirmed', async () => {
    const page = await h.newPage(`${lab.url('localhost')}${base}/challenge/plain`);
    await contentReady(page);
    const tabId = await (await h.worker()).evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1);
    const reply = await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' });
    expect(reply).toEqual({ ok: true, value: { filled: false } });

    const pending = await callFromExtension<{ site: string; accounts: { id: string; bound: boolean }[] }>(ext, 'pendingFill', { tabId });
    expect(pending.site).toBe('localhost');
    expect(pending.accounts).toEqual([expect.objectContaining({ id: accountId, bound: false })]);
    await expect(callFromExtension(ext, 'choosePendingFill', { tabId, accountId, linkSite: false })).rejects.toThrow(/forbidden/);
    expect((await account()).sites).toEqual(['127.0.0.1']);

    const chosen = await callFromExtension(ext, 'choosePendingFill', { tabId, accountId, linkSite: true });
    expect(chosen).toEqual({ filled: true });
    await waitForCode(page, 'input[name="code"]');
    expect((await account()).sites).toEqual(['127.0.0.1', 'localhost']);
    await page.close();
  });

  it('refuses the content-script methods when an extension page calls them', async () => {
    const fromPage = await ext.evaluate(() => chrome.runtime.sendMessage({ keyfob: 1, method: 'codeForField', params: { fieldKind: 'totp', trigger: 'auto' } }));
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

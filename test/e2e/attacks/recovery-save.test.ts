// Hole 8: a page cannot overwrite saved recovery codes by itself. A click on the in-page offer only asks; the codes
// are saved after the user confirms in Keyfob's own window, which names the origin, the count and what gets replaced.
// Subframes are refused whatever they send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, WebWorker } from 'puppeteer-core';
import { callBackgroundFrom, launchWithExtension, sendFromExtensionPage, type Harness } from '../harness.ts';
import { fill, press, totp } from '../popup-driver.ts';
import { clickKeyfobButton, KEYFOB_HOST, keyfobButtonLabel } from './inline-ui-driver.ts';
import { framingPage, startAttackSites, type AttackSites } from './sites.ts';

const MASTER = 'correct horse battery staple 42';
const CODES_A = ['AAAA-1111', 'AAAA-2222', 'AAAA-3333', 'AAAA-4444', 'AAAA-5555', 'AAAA-6666', 'AAAA-7777', 'AAAA-8888'];
const CODES_B = ['BBBB-1111', 'BBBB-2222', 'BBBB-3333', 'BBBB-4444', 'BBBB-5555'];
const OFFER_TEXT = 'Save these recovery codes in Keyfob';
const ASKED_TEXT = "Confirm in Keyfob's window";

interface AccountRow { id: string; issuer: string; recoveryCodes: { total: number; unused: number } }

/** A page that shows freshly issued recovery codes the way sites do. */
function codesPage(codes: string[]): string {
  return `<!doctype html><title>Recovery codes</title><main><h1>Two-factor authentication is on</h1><section>
<h2>Recovery codes</h2><p>Store these somewhere safe.</p>
<ul data-testid="recovery-codes">${codes.map((c) => `<li><code>${c}</code></li>`).join('')}</ul></section></main>`;
}

describe('saving recovery codes needs a confirmation in Keyfob\'s window', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let bankId: string;
  let otherId: string;
  let bank: string;

  beforeAll(async () => {
    sites = await startAttackSites({
      'https://bank.test /codes-a': codesPage(CODES_A),
      'https://bank.test /codes-b': codesPage(CODES_B),
    });
    bank = sites.origin('https://bank.test');
    // A same-origin frame and a cross-site framing page both show the codes inside a subframe.
    sites.page('https://bank.test', '/framed', framingPage([{ src: `${bank}/codes-b` }]));
    sites.page('http://evil.bank.test', '/framing', framingPage([{ src: `${bank}/codes-b` }]));
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    ext = await h.openPopupTab();
    await callBackgroundFrom(ext, 'createVault', { password: MASTER });
    const { added } = await callBackgroundFrom<{ added: { id: string }[] }>(ext, 'addAccounts', { drafts: [
      { account: totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP'), origins: [bank] },
      { account: totp('Other', 'bob', 'KRSXG5CTMVRXEZLU'), origins: [sites.origin('https://bank-login.test')] },
    ] });
    [bankId, otherId] = added.map((a) => a.id) as [string, string];
  });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  async function accountRow(id: string): Promise<AccountRow> {
    const { accounts } = await callBackgroundFrom<{ accounts: AccountRow[] }>(ext, 'listAccounts', {});
    const found = accounts.find((a) => a.id === id);
    if (!found) throw new Error('account gone');
    return found;
  }

  async function activeTabId(worker: WebWorker, page: Page): Promise<number> {
    await page.bringToFront();
    return worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1);
  }

  /**
   * Runs saveRecoveryCodes from Keyfob's content-script world (the isolated world Chromium gives the extension) in the
   * tab's subframes, or its top frame, over CDP: what a compromised content script in that frame could send.
   */
  async function askFromContentWorlds(page: Page, codes: string[], which: 'sub' | 'top' = 'sub'): Promise<unknown[]> {
    // Frames of another process (site isolation) have their own CDP target.
    const targets = [page.target(), ...h.browser.targets().filter((t) => t.type() === 'other' && t.url().startsWith(bank))];
    const replies: unknown[] = [];
    for (const target of targets) {
      const client = await target.createCDPSession();
      const worlds: number[] = [];
      client.on('Runtime.executionContextCreated', (e) => {
        if (e.context.name === 'Keyfob' && (e.context.auxData as { type?: string } | undefined)?.type === 'isolated') worlds.push(e.context.id);
      });
      await client.send('Runtime.enable'); // reports the existing contexts before it returns
      for (const contextId of worlds) {
        const { result } = await client.send('Runtime.evaluate', {
          contextId, awaitPromise: true, returnByValue: true,
          expression: `(async () => ((window === window.top) !== ${which === 'top'} ? null : { href: location.href,
            reply: await chrome.runtime.sendMessage({ keyfob: 1, method: 'saveRecoveryCodes', params: { codes: ${JSON.stringify(codes)} } }) }))()`,
        });
        if (result.value) replies.push(result.value);
      }
      await client.detach();
    }
    return replies;
  }

  /** Resolves with the Keyfob page the next action opens (the toolbar popup, or the same page in its own window). */
  function nextKeyfobPage(): Promise<Page> {
    const popupUrl = `chrome-extension://${h.extensionId}/extension/popup/index.html`;
    const before = new Set(h.browser.targets().filter((t) => t.url().startsWith(popupUrl)));
    return h.browser.waitForTarget((t) => t.url().startsWith(popupUrl) && !before.has(t), { timeout: 10_000 })
      .then(async (t) => {
        const page = await t.asPage();
        await page.waitForFunction(() => document.readyState === 'complete');
        return page;
      });
  }

  /** A real (trusted) click on the in-page offer; resolves with the Keyfob window it opened once the offer says so. */
  async function clickOffer(page: Page): Promise<Page> {
    expect(await keyfobButtonLabel(page)).toBe(OFFER_TEXT);
    const opened = nextKeyfobPage();
    await clickKeyfobButton(page);
    const keyfob = await opened;
    for (let i = 0; (await keyfobButtonLabel(page)) === OFFER_TEXT; i++) {
      if (i > 50) throw new Error('the offer never changed its text after the click');
      await new Promise((r) => setTimeout(r, 100));
    }
    return keyfob;
  }

  it('saves only after Save in Keyfob\'s window, which names the origin, the count and what is replaced', async () => {
    const page = await h.newPage(`${bank}/codes-a`);
    const keyfob = await clickOffer(page);
    expect(await keyfobButtonLabel(page)).toBe(ASKED_TEXT);
    // The click alone changed nothing.
    expect((await accountRow(bankId)).recoveryCodes).toEqual({ total: 0, unused: 0 });
    const question = await keyfob.waitForSelector('[data-testid="save-recovery-question"]');
    expect(await question?.evaluate((el) => el.textContent)).toBe(
      `Save 8 recovery codes from ${bank} for Bank / alice? No unused codes are saved for it now.`);
    await press(keyfob, 'Save');
    await keyfob.waitForFunction(() => document.body.textContent?.includes('Saved 8 recovery codes for Bank / alice'));
    expect((await accountRow(bankId)).recoveryCodes).toEqual({ total: 8, unused: 8 });
    await keyfob.close();
    await page.close();
  });

  it('a click on the offer alone replaces nothing, and Cancel keeps the saved codes', async () => {
    const page = await h.newPage(`${bank}/codes-b`);
    // Read before the click: bringing the tab to front later would close the toolbar popup.
    const tabId = await activeTabId(await h.worker(), page);
    // A page script cannot click for the user: it cannot reach the button, and a forged click on the host does not ask.
    const reach = await page.$eval(KEYFOB_HOST, (host) => {
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      (host as HTMLElement).click();
      return host.shadowRoot === null;
    });
    expect(reach).toBe(true);
    expect(await keyfobButtonLabel(page)).toBe(OFFER_TEXT);

    const keyfob = await clickOffer(page);
    expect((await accountRow(bankId)).recoveryCodes).toEqual({ total: 8, unused: 8 });
    const question = await keyfob.waitForSelector('[data-testid="save-recovery-question"]');
    expect(await question?.evaluate((el) => el.textContent)).toBe(
      `Save 5 recovery codes from ${bank} for Bank / alice? This replaces the 8 unused codes saved now.`);

    // The popup cannot aim the codes at an account bound elsewhere, nor confirm a request it was not shown.
    const view = await callBackgroundFrom<{ saveId: string; accounts: { id: string }[] }>(ext, 'pendingRecoverySave', { tabId });
    expect(view.accounts.map((a) => a.id)).toEqual([bankId]);
    expect(await sendFromExtensionPage(ext, 'confirmRecoverySave', { tabId, saveId: view.saveId, accountId: otherId }))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await sendFromExtensionPage(ext, 'confirmRecoverySave', { tabId, saveId: 'not-the-shown-one', accountId: bankId }))
      .toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A page script cannot reach the background at all.
    expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage))
      .toBe('undefined');

    await press(keyfob, 'Cancel');
    await keyfob.waitForFunction(() => document.body.textContent?.includes('Recovery codes not saved'));
    expect((await accountRow(bankId)).recoveryCodes).toEqual({ total: 8, unused: 8 });
    expect((await accountRow(otherId)).recoveryCodes).toEqual({ total: 0, unused: 0 });
    expect(await callBackgroundFrom(ext, 'pendingRecoverySave', { tabId })).toBeNull();
    await keyfob.close();
    await page.close();
  });

  it('refuses a subframe that asks, same-origin or framed by another site, while the top page may ask', async () => {
    for (const top of [`${bank}/framed`, sites.url('http://evil.bank.test', '/framing')]) {
      const page = await h.newPage(top);
      await page.waitForFrame((f) => f.url() === `${bank}/codes-b`);
      // The content script offers nothing inside a frame.
      const frame = page.frames().find((f) => f.url() === `${bank}/codes-b`);
      expect(await frame?.$(KEYFOB_HOST)).toBeNull();
      const tabId = await activeTabId(await h.worker(), page);
      // A compromised content script in the subframe sends the request itself, from Keyfob's own isolated world there.
      const replies = await askFromContentWorlds(page, CODES_B);
      expect(replies).toEqual([{ href: `${bank}/codes-b`, reply: { ok: false, error: { code: 'forbidden', message: 'Only the top page of a tab can ask' } } }]);
      expect(await callBackgroundFrom(ext, 'pendingRecoverySave', { tabId })).toBeNull();
      await page.close();
    }
    expect((await accountRow(bankId)).recoveryCodes).toEqual({ total: 8, unused: 8 });

    // The same request from the top document of a bank.test tab is taken (and waits for the user).
    const page = await h.newPage(`${bank}/codes-b`);
    const tabId = await activeTabId(await h.worker(), page);
    const opened = nextKeyfobPage();
    expect(await askFromContentWorlds(page, CODES_B, 'top')).toEqual([{ href: `${bank}/codes-b`, reply: { ok: true, value: { asked: true } } }]);
    await (await opened).close();
    expect(await callBackgroundFrom(ext, 'pendingRecoverySave', { tabId })).toMatchObject({ origin: bank, count: 5 });
    await callBackgroundFrom(ext, 'cancelRecoverySave', { tabId });
    await page.close();
  });

  it('tells a locked Keyfob\'s page the same as an unlocked one, and unlocks first in its window', async () => {
    await callBackgroundFrom(ext, 'lock', {});
    const page = await h.newPage(`${bank}/codes-b`);
    const keyfob = await clickOffer(page);
    expect(await keyfobButtonLabel(page)).toBe(ASKED_TEXT);
    await fill(keyfob, 'Master password', MASTER);
    await press(keyfob, 'Unlock');
    const question = await keyfob.waitForSelector('[data-testid="save-recovery-question"]');
    expect(await question?.evaluate((el) => el.textContent)).toContain('Save 5 recovery codes from');
    expect((await accountRow(bankId)).recoveryCodes).toEqual({ total: 8, unused: 8 });
    await press(keyfob, 'Save');
    await keyfob.waitForFunction(() => document.body.textContent?.includes('Saved 5 recovery codes for Bank / alice'));
    expect((await accountRow(bankId)).recoveryCodes).toEqual({ total: 5, unused: 5 });
    await keyfob.close();
    await page.close();
  });
});

// Issue 21: a page whose address imitates the bank (a homograph, a typo, another suffix, the bank's name inside a longer
// host, the bank's name as a word of another host) or the bank's own host over plain http gets no offer at all: two
// Enter presses in Keyfob's window no longer link it and fill the bank's code. The look-alikes get a warning in the
// page and in the popup, where the bank's code is hidden; ten unrelated sites get neither; the bank gets its code.
import { domainToASCII } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { askContentScript, contentScriptReady, launchWithExtension, type Harness } from '../harness.ts';
import { callFromExtension, forgetFilledSteps, MASTER_PASSWORD, vaultWith, waitForCode } from '../autofill-setup.ts';
import { nextKeyfobPage, pressEnterClosing, tabIdOf } from '../keyfob-window.ts';
import { totp } from '../popup-driver.ts';
import { clickKeyfobButton, keyfobControlText, keyfobHost } from './inline-ui-driver.ts';
import { fieldValue, isCodeOf, leakyChallengePage, pendingFillOf, requestsWithCodes } from './autofill-attack-kit.ts';
import { startAttackSites, type AttackSites } from './sites.ts';

const bank = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');
const others = [
  { host: 'github.test', account: totp('GitHub', 'alice', 'GEZDGNBVGY3TQOJQ') },
  { host: 'gitlab.test', account: totp('GitLab', 'alice', 'MFRGGZDFMZTWQ2LK') },
  { host: 'npmjs.test', account: totp('npm', 'alice', 'KRSXG5CTMVRXEZLU') },
];
const UNRELATED = ['github.test', 'gitlab.test', 'npmjs.test', 'dropbox.test', 'slack.test', 'stripe.test', 'discord.test',
  'reddit.test', 'proton.test', 'heroku.test'];

describe('look-alike pages get no offer, and a warning where the user asks', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let accountId: string;
  let bankOrigin: string;

  beforeAll(async () => {
    sites = await startAttackSites({ '* /challenge': leakyChallengePage() });
    bankOrigin = sites.origin('https://bank.test');
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    ({ ext, accountId } = await vaultWith(h, bank, [bankOrigin]));
    await callFromExtension(ext, 'addAccounts', {
      drafts: others.map((o) => ({ account: o.account, origins: [sites.origin(`https://${o.host}`)] })),
    });
  });
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  const bankOrigins = async () => (await callFromExtension<{ accounts: { id: string; origins: string[] }[] }>(ext, 'listAccounts', {}))
    .accounts.find((a) => a.id === accountId)?.origins;

  /** The user's own click on Keyfob's key button on `origin`'s challenge page, and the Keyfob window it opens. */
  async function clickOnPage(origin: string): Promise<{ page: Page; keyfob: Page; tabId: number }> {
    const page = await h.newPage(`${origin}/challenge`);
    await keyfobHost(page, 'input[name="code"]');
    expect(await fieldValue(page)).toBe('');
    const tabId = await tabIdOf(h, page);
    const opened = nextKeyfobPage(h);
    await clickKeyfobButton(page, 'input[name="code"]');
    return { page, keyfob: await opened, tabId };
  }

  /** Everything an attacker could try with the pending fill: nothing is listed, and no choice is accepted. */
  async function nothingToChoose(tabId: number, origin: string): Promise<void> {
    const pending = await pendingFillOf(ext, tabId);
    expect(pending).toMatchObject({ origin, accounts: [] });
    await expect(callFromExtension(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: true, masterPassword: MASTER_PASSWORD }))
      .rejects.toThrow(/not_found|cannot fill/);
  }

  it('legit: the bank\'s own page is filled with the bank\'s code', async () => {
    const page = await h.newPage(`${bankOrigin}/challenge`);
    await waitForCode(page, 'input[name="code"]');
    expect(await isCodeOf(bank, await fieldValue(page))).toBe(true);
    await page.close();
  });

  const lookAlikes: [string, string][] = [
    ['a homograph (Cyrillic а)', `https://${domainToASCII('bаnk.test')}`],
    ['a typo one letter away', 'https://bamk.test'],
    ['the same name on another suffix', 'https://bank.example'],
    ['the bank\'s name inside a longer host', 'https://bank.test.evil.test'],
    ['the bank\'s name as a word of another host', 'https://bank-login.test'],
  ];
  for (const [what, schemeAndHost] of lookAlikes) {
    it(`${what}: the warning in the page and in Keyfob's window, two Enter presses fill nothing and link nothing`, async () => {
      const origin = sites.origin(schemeAndHost);
      const { page, keyfob, tabId } = await clickOnPage(origin);
      const warning = await keyfob.waitForSelector('[data-testid="look-alike-warning"]', { timeout: 10_000 });
      expect(await warning?.evaluate((el) => el.textContent)).toContain('This is not bank.test. Keyfob will not fill codes here.');
      // No link, no account, nothing but "I understand".
      expect(await keyfob.$$('[role="listitem"]')).toEqual([]);
      expect(await keyfob.$('::-p-aria([name="Link and fill"][role="button"])')).toBeNull();
      expect(await (await pendingFillOf(ext, tabId))?.lookAlike).toBe('bank.test');
      await nothingToChoose(tabId, origin);
      // Where the key button was, the page shows the same warning (inside Keyfob's closed root).
      expect(await keyfobControlText(page)).toContain('This is not bank.test');

      // The attack of the issue: Enter, Enter. The first closes Keyfob's window; nothing is filled or linked.
      const closed = new Promise<void>((resolve) => keyfob.once('close', () => resolve()));
      await pressEnterClosing(keyfob);
      await closed;
      await page.bringToFront();
      await page.keyboard.press('Enter');
      await new Promise((r) => setTimeout(r, 500));
      expect(await fieldValue(page)).toBe('');
      expect(await bankOrigins()).toEqual([bankOrigin]);
      expect(requestsWithCodes(sites, origin)).toEqual([]);

      // The popup over that page says the same and hides the bank's code; another account's code is still shown.
      const popup = await h.openActionPopup(page);
      await popup.waitForSelector('[data-testid="look-alike-warning"]', { timeout: 10_000 });
      const rows = await popup.$$eval('[role="listitem"]', (els) => els.map((el) => el.textContent ?? ''));
      const bankRow = rows.find((r) => r.includes('Bank'));
      expect(bankRow).toContain('hidden on this page');
      expect(bankRow).not.toMatch(/\d{3} \d{3}/);
      expect(rows.find((r) => r.includes('GitHub'))).toMatch(/\d{3} \d{3}/);
      await popup.close();
      await page.close();
    });
  }

  it('the popup over a look-alike tab never draws the bank\'s code, not even before its warning', async () => {
    const page = await h.newPage(`${sites.origin(`https://${domainToASCII('bаnk.test')}`)}/challenge`);
    await keyfobHost(page, 'input[name="code"]');
    const tabId = await tabIdOf(h, page);
    const popup = await h.browser.newPage();
    // Installed before the popup's scripts: any moment the bank's row holds a digit is kept.
    await popup.evaluateOnNewDocument(`(() => {
      window.__bankDigits = 0;
      new MutationObserver(() => {
        for (const row of document.querySelectorAll('[role="listitem"]')) {
          const code = (row.querySelector('[data-testid="code"]') || {}).textContent || '';
          if ((row.textContent || '').includes('Bank') && /\\d/.test(code)) window.__bankDigits++;
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    })();`);
    await popup.goto(`chrome-extension://${h.extensionId}/extension/popup/index.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid="look-alike-warning"]', { timeout: 10_000 });
    // The legitimate rows still get their codes once the check has answered.
    await popup.waitForFunction(() => Array.from(document.querySelectorAll('[role="listitem"]'))
      .some((r) => (r.textContent ?? '').includes('GitHub') && /\d{3} \d{3}/.test(r.textContent ?? '')), { timeout: 10_000 });
    expect(await popup.evaluate(() => (window as unknown as { __bankDigits: number }).__bankDigits)).toBe(0);
    await popup.close();
    await page.close();
  });

  it('plain http on the bank\'s own host: no offer (an https binding never reaches http), and no look-alike warning', async () => {
    const origin = sites.origin('http://bank.test');
    const { page, keyfob, tabId } = await clickOnPage(origin);
    const none = await keyfob.waitForSelector('[data-testid="no-account-for-site"]', { timeout: 10_000 });
    expect(await none?.evaluate((el) => el.textContent)).toContain(origin);
    expect(await keyfob.$('[data-testid="look-alike-warning"]')).toBeNull();
    await nothingToChoose(tabId, origin);
    const closed = new Promise<void>((resolve) => keyfob.once('close', () => resolve()));
    await pressEnterClosing(keyfob);
    await closed;
    expect(await fieldValue(page)).toBe('');
    expect(await bankOrigins()).toEqual([bankOrigin]);
    expect(requestsWithCodes(sites, origin)).toEqual([]);
    await page.close();
  });

  it('ten unrelated sites with code fields get neither a warning nor an offer; the three bound among them get their codes', async () => {
    for (const host of UNRELATED) {
      const origin = sites.origin(`https://${host}`);
      const bound = others.find((o) => o.host === host);
      const page = await h.newPage(`${origin}/challenge`);
      if (bound) {
        await waitForCode(page, 'input[name="code"]');
        expect(await isCodeOf(bound.account, await fieldValue(page)), host).toBe(true);
        await page.close();
        continue;
      }
      await contentScriptReady(h, page);
      const tabId = await tabIdOf(h, page);
      const opened = nextKeyfobPage(h);
      expect(await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' })).toEqual({ ok: true, value: { filled: false } });
      const keyfob = await opened;
      await keyfob.waitForSelector('[data-testid="no-account-for-site"]', { timeout: 10_000 });
      expect(await keyfob.$('[data-testid="look-alike-warning"]'), host).toBeNull();
      expect(await pendingFillOf(ext, tabId), host).toMatchObject({ origin, accounts: [], lookAlike: null });
      expect(await callFromExtension(ext, 'pageWarning', { tabId }), host).toEqual({ site: null, hiddenIds: [] });
      expect(await fieldValue(page), host).toBe('');
      await keyfob.close();
      await page.close();
    }
  });
});

// Keyfob's user journeys in real Firefox (ESR, WebDriver BiDi), installed from the Firefox store zip: scan the demo
// server's enrolment QR (with and without the toolbar click), fill its confirmation and sign-in challenge, nothing on
// a look-alike origin, the locked hint, and a restart that comes back locked with the same accounts.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../src/shared/index.ts';
import { clickKeyfobButton, KEYFOB_HOST, keyfobHost } from './attacks/inline-ui-driver.ts';
import { MASTER_PASSWORD, startLab, verifyLabAccepted, waitForCode, type LabServer } from './autofill-setup.ts';
import { registerAndOpenTwoFactorSetup, submit } from './demo-flows.ts';
import { startDemoSite, type DemoSite } from './demo-site.ts';
import { activeTabPing, contentScriptAnswers, grantedOrigins, launchFirefoxWithKeyfob, type FirefoxKeyfob } from './firefox-driver.ts';
import { callBackgroundFrom } from './harness.ts';
import { fill, listRows, press, waitForText } from './popup-driver.ts';

describe('Keyfob in Firefox', () => {
  let site: DemoSite;
  let ff: FirefoxKeyfob;
  let ext: Page;
  const labs: LabServer[] = [];

  beforeAll(async () => {
    site = await startDemoSite({ DEMO_LAB: '1' });
    ff = await launchFirefoxWithKeyfob();
    ext = await ff.openPopupOver(await ff.newPage());
    await callBackgroundFrom(ext, 'createVault', { password: MASTER_PASSWORD });
  });
  afterAll(async () => {
    await ff?.close();
    await site?.close();
    await Promise.all(labs.map((lab) => lab.close()));
  });

  /**
   * The demo server's challenge lab on a port of its own, so that its account is the only one bound to its origin
   * (with two, Keyfob asks which to use instead of filling); its pages accept only that account's codes.
   */
  async function labSession(): Promise<{ lab: LabServer; path: string; account: OtpAccount }> {
    const lab = await startLab();
    labs.push(lab);
    const { base, account } = await lab.newSession();
    return { lab, path: base, account };
  }

  async function addAccount(account: OtpAccount, origin: string): Promise<void> {
    await callBackgroundFrom(ext, 'addAccounts', { drafts: [{ account, origins: [origin] }] });
  }

  /** The vault's accounts as the popup lists them: id, name and the origins each is bound to. */
  async function accountsIn(extPage: Page): Promise<{ id: string; account: string; origins: string[] }[]> {
    const { accounts } = await callBackgroundFrom<{ accounts: { id: string; account: string; origins: string[] }[] }>(extPage, 'listAccounts', {});
    return accounts.map(({ id, account, origins }) => ({ id, account, origins }));
  }

  const codeIn = (page: Page) => page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value);

  it('is granted every http and https site at install, as the install prompt says, so its content script runs', async () => {
    // Firefox 127+ grants an MV3 add-on's host patterns (content_scripts matches included) at install while
    // extensions.originControls.grantByDefault is true, its default; this profile leaves it untouched.
    expect((await grantedOrigins(ext)).sort()).toEqual(['http://*/*', 'https://*/*']);
    const page = await ff.newPage(`${site.base}/login`);
    await contentScriptAnswers(ext, page.url());
    await page.close();
  });

  it('scans the enrolment QR after a click on the toolbar button, fills the confirmation, then the sign-in challenge', async () => {
    const user = { email: 'fox@example.com', password: 'a long demo password 42' };
    const page = await ff.newPage();
    await registerAndOpenTwoFactorSetup(page, site.base, user);
    expect(await codeIn(page)).toBe('');

    const popup = await ff.openPopupOver(page);
    // Without the click, Firefox refuses captureVisibleTab (no activeTab); the click grants it on the selected tab.
    await ff.clickToolbarButton(page);
    await press(popup, 'Scan QR code');
    await waitForText(popup, '[data-testid="scan-site"]', `Codes will be filled on ${site.base}.`);
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Keyfob Demo');
    await popup.close();

    await waitForCode(page, 'input[name="code"]');
    const confirmedWith = await codeIn(page);
    await submit(page, 'Confirm');
    expect(await page.$$eval('[data-testid="recovery-codes"] code', (els) => els.length)).toBe(8);

    await submit(page, 'Sign out');
    await page.goto(`${site.base}/login`);
    await page.type('input[name="email"]', user.email);
    await page.type('input[name="password"]', user.password);
    await submit(page, 'Sign in');
    expect(new URL(page.url()).pathname).toBe('/two-factor-challenge');
    // Keyfob never fills the code the site has just accepted: within the same 30 s step it waits for the next one.
    await waitForCode(page, 'input[name="code"]', 40_000);
    expect(await codeIn(page)).not.toBe(confirmedWith);
    await submit(page, 'Verify');
    expect(new URL(page.url()).pathname).not.toBe('/two-factor-challenge');
    expect(await page.$('::-p-aria([name="Sign out"][role="button"])')).not.toBeNull();
    await page.close();
  });

  it('scans the enrolment QR without a click on the toolbar button, from the page\'s own image, and the site accepts its code', async () => {
    // A demo site of its own (another port, another origin), so that the scanned account is the only one bound there.
    const own = await startDemoSite();
    try {
      const page = await ff.newPage();
      await registerAndOpenTwoFactorSetup(page, own.base, { email: 'fox@example.com', password: 'a long demo password 42' });
      const popup = await ff.openPopupOver(page);
      // No toolbar click, so no activeTab: Firefox refuses the tab capture that Chromium's scan starts with.
      expect(await popup.evaluate(() => chrome.tabs.captureVisibleTab({ format: 'png' }).then(() => 'captured', String))).toMatch(/activeTab/);

      await press(popup, 'Scan QR code');
      await waitForText(popup, '[data-testid="scan-site"]', `Codes will be filled on ${own.base}.`);
      expect(await popup.$eval('[data-scan-pass]', (el) => el.getAttribute('data-scan-pass'))).toBe('element');
      await press(popup, 'Save');
      await waitForText(popup, '[role="status"]', 'Saved Keyfob Demo');
      await popup.close();

      // The site takes the code filled from the scanned secret: the element pass read the right QR code.
      await waitForCode(page, 'input[name="code"]');
      await submit(page, 'Confirm');
      expect(await page.$$eval('[data-testid="recovery-codes"] code', (els) => els.length)).toBe(8);
      await page.close();
    } finally {
      await own.close();
    }
  });

  it('fills nothing on a look-alike origin (same server, other host name) and fills the origin the account is bound to', async () => {
    const { lab, path, account } = await labSession();
    const bound = lab.url('127.0.0.1');
    const lookAlike = lab.url('localhost');
    await addAccount(account, bound);

    const decoy = await ff.newPage(`${lookAlike}${path}/challenge/plain`);
    await contentScriptAnswers(ext, decoy.url());
    const real = await ff.newPage(`${bound}${path}/challenge/plain`);
    await waitForCode(real, 'input[name="code"]');
    // The content script on the look-alike has run and the bound page has been filled since: no code came here (at
    // most Keyfob's offer to choose an account, which fills only after the user links the site in Keyfob's window).
    expect(await decoy.$$eval('input', (els) => els.map((el) => (el as HTMLInputElement).value).filter((v) => /\d{4}/.test(v)))).toEqual([]);
    expect((await accountsIn(ext)).find((a) => a.account === account.account)?.origins).toEqual([bound]);
    await verifyLabAccepted(real);
    await decoy.close();
    await real.close();
  });

  it('shows the unlock hint while locked, opens Keyfob from it, and fills the field once unlocked in the popup', async () => {
    const { lab, path, account } = await labSession();
    await addAccount(account, lab.url('127.0.0.1'));
    await callBackgroundFrom(ext, 'lock', {});

    const page = await ff.newPage(`${lab.url('127.0.0.1')}${path}/challenge/plain`);
    // The hint's label is in a closed shadow root, which Firefox's BiDi does not read: the popup it opens says "locked".
    await keyfobHost(page, 'input[name="code"]');
    expect(await codeIn(page)).toBe('');
    await clickKeyfobButton(page, 'input[name="code"]');
    // The hint opened Firefox's real toolbar popup, which automation cannot type into: the same page over this tab does.
    await expect.poll(() => ff.toolbarPopupUrl()).toBe(ff.popupUrl);

    const popup = await ff.openPopupOver(page);
    await waitForText(popup, 'h1', 'Keyfob is locked');
    await fill(popup, 'Master password', MASTER_PASSWORD);
    await press(popup, 'Unlock');
    await waitForCode(page, 'input[name="code"]');
    expect(await page.$(KEYFOB_HOST)).toBeNull();
    await verifyLabAccepted(page);
    await popup.close();
    await page.close();
  });

  it('refuses a click through a see-through overlay drawn over the key button (no IntersectionObserver v2 here), fills a plain one', async () => {
    const { lab, path, account } = await labSession();
    await addAccount(account, new URL(lab.url('127.0.0.1')).origin);
    await callBackgroundFrom(ext, 'updateSettings', { patch: { autofillMode: 'on-click' } });
    try {
      const page = await ff.newPage(`${lab.url('127.0.0.1')}${path}/challenge/plain`);
      const box = await (await keyfobHost(page, 'input[name="code"]')).boundingBox();
      if (!box) throw new Error('no key button');
      // The page's decoy: a popover in the top layer over Keyfob's button that lets every click through to it.
      await page.evaluate((b: { x: number; y: number; width: number; height: number }) => {
        const decoy = document.createElement('div');
        decoy.setAttribute('popover', 'manual');
        decoy.style.cssText = `position:fixed;inset:auto;left:${b.x - 4}px;top:${b.y - 4}px;width:${b.width + 8}px;`
          + `height:${b.height + 8}px;margin:0;padding:0;border:0;pointer-events:none;background:rgba(0,128,0,.95)`;
        document.body.append(decoy);
        decoy.showPopover();
      }, box);
      await clickKeyfobButton(page, 'input[name="code"]');
      await new Promise((r) => setTimeout(r, 1500));
      expect(await codeIn(page)).toBe('');
      // Without the decoy the same click fills, with a code the site accepts.
      await page.evaluate(() => document.querySelector('[popover]')?.remove());
      await clickKeyfobButton(page, 'input[name="code"]');
      await waitForCode(page, 'input[name="code"]');
      await verifyLabAccepted(page);
      await page.close();
    } finally {
      await callBackgroundFrom(ext, 'updateSettings', { patch: { autofillMode: 'automatic' } });
    }
  });

  it('comes back locked after a restart on the same profile, with the same accounts once unlocked', async () => {
    const { lab, path, account } = await labSession();
    await callBackgroundFrom(ext, 'unlock', { password: MASTER_PASSWORD });
    await addAccount(account, lab.url('127.0.0.1'));
    const before = await accountsIn(ext);
    expect(before.map((a) => a.account)).toContain(account.account);

    const { profileDir, popupUrl } = ff;
    await ff.close({ keepProfile: true });
    ff = await launchFirefoxWithKeyfob({ profileDir, uuid: new URL(popupUrl).host });
    const page = await ff.newPage(`${lab.url('127.0.0.1')}${path}/challenge/plain`);
    await keyfobHost(page, 'input[name="code"]');
    expect(await codeIn(page)).toBe('');

    ext = await ff.openPopupOver(page);
    await waitForText(ext, 'h1', 'Keyfob is locked');
    await fill(ext, 'Master password', MASTER_PASSWORD);
    await press(ext, 'Unlock');
    await ext.waitForSelector('::-p-aria(Search)');
    // The first screen paints before the rest of the list arrives: count once the list says it is complete.
    await ext.waitForSelector('[role="list"][aria-busy="false"]');
    expect(await listRows(ext)).toHaveLength(before.length);
    expect(await accountsIn(ext)).toEqual(before);
    await waitForCode(page, 'input[name="code"]');
    await verifyLabAccepted(page);
    await page.close();
  });

  it('with site access turned off fills nothing, until a click on the toolbar button runs Keyfob on that page', async () => {
    const { lab, path, account } = await labSession();
    await callBackgroundFrom(ext, 'unlock', { password: MASTER_PASSWORD });
    await addAccount(account, lab.url('127.0.0.1'));
    // What the user's switch in about:addons → Keyfob → Permissions does (ExtensionPermissions.remove).
    await ext.evaluate(() => chrome.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }));
    expect(await grantedOrigins(ext)).toEqual([]);

    const page = await ff.newPage(`${lab.url('127.0.0.1')}${path}/challenge/plain`);
    await page.bringToFront();
    expect(await activeTabPing(ext)).toMatch(/Receiving end does not exist/);
    expect(await codeIn(page)).toBe('');
    // Firefox runs an add-on's content scripts on the tab whose toolbar button the user clicked ("only when clicked").
    await ff.clickToolbarButton(page);
    await waitForCode(page, 'input[name="code"]');
    expect(await activeTabPing(ext)).toBe('answered');
    await verifyLabAccepted(page);
    await page.close();
  });
});

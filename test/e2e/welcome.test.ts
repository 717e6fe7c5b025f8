// The welcome tab a first install opens, in real Chromium: one tab, in the browser's language, clean under axe; its
// create-vault step opens Keyfob where the vault is made and then shows done; its import link opens the import tab;
// a restart on the same profile (which Chromium reports as an install again) opens no second one. In Firefox, the
// install opens it too, with Firefox's words for pinning.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { callBackgroundFrom, deleteVaultDatabase, launchWithExtension, welcomeTab, welcomeUrl, type Harness } from './harness.ts';
import { launchFirefoxWithKeyfob, openExtensionPage, welcomeTabs, welcomeUrl as firefoxWelcomeUrl, type FirefoxKeyfob } from './firefox-driver.ts';
import { nextKeyfobPage } from './keyfob-window.ts';
import { fill, MASTER, press } from './popup-driver.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const GERMAN = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../_locales/de/messages.json'), 'utf8')) as
  Record<string, { message: string }>;

/** A German message as the page shows it (these have no placeholders). */
function de(key: string): string {
  const message = GERMAN[key]?.message;
  if (!message) throw new Error(`no German message ${key}`);
  return message;
}

/** axe's serious and critical violations on the page as it is now (as in accessibility.test.ts, evaluated over CDP). */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: {
      id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

function welcomeTargets(h: Harness): Target[] {
  return h.browser.targets().filter((t) => t.type() === 'page' && t.url() === welcomeUrl(h.extensionId));
}

/** The page once it knows whether a vault exists (the vault step is busy until the background answered). */
async function settled(page: Page): Promise<Page> {
  await page.waitForSelector('[data-testid="welcome-vault"][aria-busy="false"]');
  return page;
}

describe('the welcome tab', () => {
  const profile = mkdtempSync(join(tmpdir(), 'keyfob-welcome-'));
  let h: Harness | null = null;

  afterAll(async () => {
    await h?.close({ keepProfile: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it('opens once after the install, in the browser\'s language, and passes axe in light and dark', async () => {
    h = await launchWithExtension({ userDataDir: profile, keepWelcome: true, extraArgs: ['--lang=de'] });
    const page = await settled(await welcomeTab(h.browser, h.extensionId));
    expect(welcomeTargets(h)).toHaveLength(1);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['de', 'ltr']);
    expect(await page.$eval('h1', (e) => e.textContent)).toBe(de('createTitle'));
    expect(await page.$eval('[data-testid="welcome-pin"]', (e) => e.textContent)).toContain(de('welcomePinChrome'));
    // The drawing is announced by its description, the Chromium one.
    expect(await page.$eval('[data-testid="pin-picture"] title', (e) => e.textContent)).toBe(de('welcomePinPictureChrome'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMediaFeatures();
  });

  it('leads to creating the vault, then shows that step done', async () => {
    const page = await settled(await welcomeTab(h!.browser, h!.extensionId));
    await page.bringToFront();
    const keyfob = nextKeyfobPage(h!);
    await press(page, de('welcomeVaultOpen'));
    const popup = await keyfob;
    await fill(popup, de('masterPassword'), MASTER);
    await fill(popup, de('confirmMasterPassword'), MASTER);
    await press(popup, de('createVault'));
    // The welcome tab hears of the new vault by itself (session storage changes), wherever the vault was made.
    await page.waitForSelector('[data-testid="welcome-vault"] [data-testid="step-done"]');
    expect(await page.$eval('[data-testid="welcome-vault"]', (e) => e.textContent)).toContain(de('welcomeVaultDone'));
    expect(await callBackgroundFrom(page, 'getStatus')).toMatchObject({ vault: 'unlocked' });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('links to the import tab', async () => {
    const page = await settled(await welcomeTab(h!.browser, h!.extensionId));
    const importUrl = `chrome-extension://${h!.extensionId}/extension/import/index.html`;
    const opened = h!.browser.waitForTarget((t) => t.type() === 'page' && t.url() === importUrl, { timeout: 15_000 });
    await page.click(`::-p-aria([name="${de('importOpenTab')}"][role="link"])`);
    const importPage = await (await opened).asPage();
    await importPage.waitForSelector('main');
    expect(await importPage.title()).toBe(de('importPageTitle'));
  });

  it('opens no second welcome tab when the browser restarts on the same profile, even before a vault exists', async () => {
    // No vault: the install Chromium reports again at this restart must be recognised as one already welcomed.
    const page = await welcomeTab(h!.browser, h!.extensionId);
    await callBackgroundFrom(page, 'lock');
    await deleteVaultDatabase(page);
    await h!.close({ keepProfile: true });

    h = await launchWithExtension({ userDataDir: profile, keepWelcome: true, extraArgs: ['--lang=de'] });
    // What a first install does before it opens the tab (read the storage and the vault) has happened once the popup
    // has asked the same: the popup's create screen means no vault, which alone would let the tab open.
    const popup = await h.openPopupTab();
    await popup.waitForSelector(`::-p-aria(${de('masterPassword')})`);
    expect(await callBackgroundFrom(popup, 'getStatus')).toMatchObject({ vault: 'none' });
    expect(await popup.evaluate(async () => (await chrome.storage.local.get('welcome.shown'))['welcome.shown'])).toBe(true);
    expect(welcomeTargets(h)).toHaveLength(0);
  });
});

describe('the welcome tab in Firefox', () => {
  let ff: FirefoxKeyfob | undefined;
  afterAll(async () => {
    await ff?.close();
  });

  it('opens once after the install and words pinning for Firefox\'s extensions menu', async () => {
    ff = await launchFirefoxWithKeyfob({ keepWelcome: true });
    const uuid = new URL(ff.popupUrl).host;
    expect(await welcomeTabs(ff.browser, uuid)).toHaveLength(1);
    // Puppeteer cannot attach to the tab the install opened (see openExtensionPage): the same page, opened again.
    const page = await ff.newPage();
    await openExtensionPage(page, firefoxWelcomeUrl(uuid));
    await page.waitForSelector('[data-testid="welcome-vault"][aria-busy="false"]');
    const english = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../_locales/en/messages.json'), 'utf8')) as
      Record<string, { message: string }>;
    expect(await page.$eval('[data-testid="welcome-pin"] p', (e) => e.textContent)).toBe(english.welcomePinFirefox?.message);
    expect(await page.$eval('[data-testid="pin-picture"] title', (e) => e.textContent)).toBe(english.welcomePinPictureFirefox?.message);
  });
});

// Launches real Firefox (ESR, WebDriver BiDi) with Keyfob installed the way a user has it, and drives its parts.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { extensionPackages } from '../../scripts/build/store-packages.ts';
import { GECKO_ID } from '../../scripts/build/firefox-manifest.ts';
import { DIST } from './harness.ts';

export interface FirefoxKeyfob {
  browser: Browser;
  profileDir: string;
  /** The popup document's URL (moz-extension://<fixed uuid>/…). */
  popupUrl: string;
  /** Opens a web page in a new tab of the one window and waits for its load. */
  newPage(url?: string): Promise<Page>;
  /**
   * Opens the popup document in a background tab of the window, so that the tab the user is on stays the active one
   * and the popup acts on it as the real popup would (automation cannot see Firefox's real popup).
   */
  openPopupOver(page: Page): Promise<Page>;
  /** The user's click on Keyfob's toolbar button while `page`'s tab is selected (grants activeTab, opens the real popup). */
  clickToolbarButton(page: Page): Promise<void>;
  /** The URL shown in Firefox's real toolbar popup while it is open (automation cannot drive it), else null. */
  toolbarPopupUrl(): Promise<string | null>;
  /** Closes Firefox; removes the profile (also a restart's) unless keepProfile, to start it again on the same profile. */
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

export interface FirefoxLaunchOptions {
  /** A profile Keyfob is already installed in (a restart); a fresh one with a new install otherwise. */
  profileDir?: string;
  /** The extension's fixed moz-extension:// UUID; pass the first launch's on a restart. */
  uuid?: string;
  /** Leave the welcome tab the install opens; it is closed before the driver returns otherwise. */
  keepWelcome?: boolean;
}

interface BidiConnection { send(method: string, params: object): Promise<{ result: Record<string, unknown> }> }

/** Puppeteer has no call for these commands, so they go over its own WebDriver BiDi session (the only one Firefox allows). */
function bidi(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection) throw new Error('Not a WebDriver BiDi browser');
  return connection;
}

/** Runs `expression` in the browser window's own (chrome) document (needs --remote-allow-system-access); a primitive result. */
async function evaluateInBrowserWindow(browser: Browser, expression: string): Promise<unknown> {
  const tree = await bidi(browser).send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const [window] = tree.result.contexts as { context: string }[];
  if (!window) throw new Error('No browser window');
  const { result } = await bidi(browser).send('script.evaluate', { expression, target: { context: window.context }, awaitPromise: true });
  if (result.type === 'exception') throw new Error(`in the browser window: ${JSON.stringify(result.exceptionDetails)}`);
  return (result.result as { value?: unknown } | undefined)?.value;
}

/** The welcome tab a first install opens (extension/background/welcome.ts). */
export function welcomeUrl(uuid: string): string {
  return `moz-extension://${uuid}/extension/welcome/index.html`;
}

/**
 * Waits until a tab shows the welcome page and returns the browsing contexts that show it. Puppeteer's targets do not
 * follow a tab into an extension page in Firefox (see openExtensionPage), so the tabs are read from the browsing-context
 * tree until the install has opened one.
 */
export async function welcomeTabs(browser: Browser, uuid: string, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tree = await bidi(browser).send('browsingContext.getTree', { maxDepth: 0 });
    const tabs = (tree.result.contexts as { context: string; url: string }[]).filter((c) => c.url === welcomeUrl(uuid));
    if (tabs.length > 0) return tabs.map((c) => c.context);
    if (Date.now() > deadline) throw new Error(`Keyfob's welcome tab did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Keyfob's extension object in the browser window's scope, as an expression. */
const KEYFOB_IN_WINDOW = `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs')
  .ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)})`;

/**
 * Navigates `page` to one of Keyfob's pages and waits until it shows its first screen. Puppeteer cannot follow
 * navigations into extension pages in Firefox, so the navigation is started and the DOM polled by hand: a
 * waitForFunction (or waitForSelector) whose evaluation meets the realm the navigation tears down rejects with a BiDi
 * protocol error ("right-hand side of 'in' should be an object, got null") instead of trying again.
 */
export async function openExtensionPage(page: Page, url: string, timeoutMs = 15_000): Promise<void> {
  void page.goto(url).catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await page.evaluate(() => location.protocol === 'moz-extension:' && document.querySelector('main, form, [role="list"], button') !== null)
      .catch(() => false);
    if (shown) return;
    if (Date.now() > deadline) throw new Error(`${url} did not open in Firefox within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function launchFirefoxWithKeyfob(opts: FirefoxLaunchOptions = {}): Promise<FirefoxKeyfob> {
  const executablePath = process.env.FIREFOX_PATH;
  if (!executablePath) throw new Error('Firefox is needed for this test (see scripts/ensure-firefox.mjs)');
  const restart = Boolean(opts.profileDir);
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'keyfob-firefox-'));
  const uuid = opts.uuid ?? randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    userDataDir: profileDir,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      // A fixed UUID makes the moz-extension:// origin known before the add-on is installed.
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // The package is the one AMO receives, unsigned here: ESR honours this switch (release Firefox does not).
      'xpinstall.signatures.required': false,
      // Loopback only, as for Chromium: nothing is fetched in the background.
      'network.connectivity-service.enabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.update.enabled': false,
      'extensions.getAddons.cache.enabled': false,
    },
    // Lets the test reach the browser window's own document (the toolbar), as Firefox's own tests do.
    args: ['--remote-allow-system-access'],
  });
  try {
    if (!restart) {
      // Installed permanently from the Firefox store zip (not as a temporary add-on, which Firefox removes on exit),
      // so a restart finds it as a user's browser would. extensions.originControls.grantByDefault is left at its
      // default (true in Firefox 127 and later), which grants the manifest's host patterns at install.
      const xpi = join(profileDir, '..', `${profileDir.split('/').pop()}-keyfob.xpi`);
      writeFileSync(xpi, extensionPackages(DIST).firefox);
      try {
        await bidi(browser).send('webExtension.install', { extensionData: { type: 'archivePath', path: xpi }, 'moz:permanent': true });
      } finally {
        rmSync(xpi, { force: true });
      }
      // Only an install opens it: Firefox keeps the permanent add-on, so a restart is no install.
      if (!opts.keepWelcome) {
        for (const context of await welcomeTabs(browser, uuid)) await bidi(browser).send('browsingContext.close', { context });
      }
    }
    const popupUrl = `moz-extension://${uuid}/extension/popup/index.html`;

    const newPage = async (url?: string): Promise<Page> => {
      const page = await browser.newPage();
      if (url) await page.goto(url, { waitUntil: 'load' });
      return page;
    };

    const openPopupOver = async (page: Page): Promise<Page> => {
      const popup = await browser.newPage();
      await page.bringToFront();
      await openExtensionPage(popup, popupUrl);
      return popup;
    };

    const clickToolbarButton = async (page: Page): Promise<void> => {
      await page.bringToFront();
      // browserActionFor(…).triggerAction(window) is the toolbar button's own click handler (Firefox's browser tests'
      // clickBrowserAction): it grants activeTab on the selected tab and opens the popup, with the same effects as a click.
      await evaluateInBrowserWindow(browser, `(() => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ${KEYFOB_IN_WINDOW};
        if (!extension) throw new Error('Keyfob is not installed');
        ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
      })()`);
    };

    const toolbarPopupUrl = async (): Promise<string | null> => {
      const url = await evaluateInBrowserWindow(browser, `(() => {
        const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
        const extension = ${KEYFOB_IN_WINDOW};
        return (extension && ViewPopup.for(extension, window)?.browser?.currentURI?.spec) ?? null;
      })()`);
      return typeof url === 'string' ? url : null;
    };

    const close = async (closeOpts: { keepProfile?: boolean } = {}) => {
      await browser.close();
      if (!closeOpts.keepProfile) rmSync(profileDir, { recursive: true, force: true });
    };

    return { browser, profileDir, popupUrl, newPage, openPopupOver, clickToolbarButton, toolbarPopupUrl, close };
  } catch (err) {
    await browser.close().catch(() => undefined);
    if (!restart) rmSync(profileDir, { recursive: true, force: true });
    throw err;
  }
}

/** The origins Firefox has granted Keyfob, read from an extension page. */
export function grantedOrigins(extPage: Page): Promise<string[]> {
  return extPage.evaluate(async () => (await chrome.permissions.getAll()).origins ?? []);
}

/**
 * Waits until Keyfob's content script in the top frame of the tab showing `pageUrl` answers a ping (it is injected at
 * document_idle, after "load"); asked from an extension page, which may read tab URLs through the host permission.
 */
export async function contentScriptAnswers(extPage: Page, pageUrl: string): Promise<void> {
  await extPage.waitForFunction(async (url: string) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === url);
    if (tab?.id === undefined) return false;
    try {
      await chrome.tabs.sendMessage(tab.id, { keyfob: 1, method: 'contentPing', params: {} }, { frameId: 0 });
      return true;
    } catch {
      return false;
    }
  }, { polling: 100, timeout: 10_000 }, pageUrl);
}

/**
 * Pings Keyfob's content script in the top frame of the window's selected tab from an extension page of that window
 * (the tab's URL may be hidden from the add-on): 'answered', or the error Firefox gives when no script listens.
 */
export function activeTabPing(extPage: Page): Promise<string> {
  return extPage.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return 'no active tab';
    try {
      await chrome.tabs.sendMessage(tab.id, { keyfob: 1, method: 'contentPing', params: {} }, { frameId: 0 });
      return 'answered';
    } catch (err) {
      return String(err);
    }
  });
}

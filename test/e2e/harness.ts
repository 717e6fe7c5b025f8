// Launches real Chromium with the built extension (dist/) and gives tests handles on its parts.
import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker, type Target, type Extension } from 'puppeteer-core';
import { findChromium } from '../../scripts/ensure-chromium.mjs';

// KEYFOB_DIST lets parallel work build and test its own copy without clobbering dist/.
export const DIST = resolve(process.env.KEYFOB_DIST ?? resolve(import.meta.dirname, '../../dist'));

/** The flags the project requires for every Chromium it starts (closed network, no sandbox as root). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Reuse a profile (e.g. to restart the browser); a fresh temp dir otherwise. */
  userDataDir?: string;
  /** Viewport in CSS pixels; headless windows include 87 px of invisible browser UI. */
  width?: number;
  height?: number;
  deviceScaleFactor?: number;
  /** More Chromium flags, e.g. --host-resolver-rules for the attack lab's host names (tests only). */
  extraArgs?: string[];
  /** Leave the welcome tab a first install opens (test/e2e/welcome.test.ts); it is closed before the harness returns otherwise. */
  keepWelcome?: boolean;
}

export interface Harness {
  browser: Browser;
  userDataDir: string;
  extensionId: string;
  extension: Extension;
  /** The extension's service worker, waited on until its script has run. */
  worker(): Promise<WebWorker>;
  /** Opens a new tab with the given viewport. */
  newPage(url?: string): Promise<Page>;
  /** Opens the real action popup on `page` (grants activeTab) and returns the popup's page. */
  openActionPopup(page: Page): Promise<Page>;
  /** Opens the popup document as an ordinary tab (no activeTab grant). */
  openPopupTab(): Promise<Page>;
  /** Closes the browser; removes the profile unless keepProfile. */
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

/** The tab Keyfob opens after a first install (extension/background/welcome.ts). */
export function welcomeUrl(extensionId: string): string {
  return `chrome-extension://${extensionId}/extension/welcome/index.html`;
}

/** Waits for the welcome tab's target (it may already be there) and returns its page. */
export async function welcomeTab(browser: Browser, extensionId: string): Promise<Page> {
  const url = welcomeUrl(extensionId);
  const target = await browser.waitForTarget((t: Target) => t.type() === 'page' && t.url() === url, { timeout: 20_000 });
  return target.asPage();
}

/**
 * A profile Chromium has never run in. Only there does the install open the welcome tab: a restart on a kept profile
 * loads the extension again, and Chromium reports that as an install too, but the extension remembers it welcomed.
 */
function isFreshProfile(userDataDir: string): boolean {
  return !existsSync(userDataDir) || readdirSync(userDataDir).length === 0;
}

function requireChromium(): string {
  const path = findChromium();
  if (!path) throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH');
  return path;
}

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<Harness> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`No built extension in ${DIST}: run npm run build`);
  const width = opts.width ?? 1280;
  const height = opts.height ?? 800;
  const ownsProfile = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'keyfob-profile-'));
  const freshProfile = isFreshProfile(userDataDir);
  const browser = await puppeteer.launch({
    executablePath: requireChromium(),
    headless: true,
    pipe: true,
    enableExtensions: [DIST],
    userDataDir,
    defaultViewport: null,
    args: [...CHROMIUM_FLAGS, `--window-size=${width},${height + 87}`,
      ...(opts.deviceScaleFactor ? [`--force-device-scale-factor=${opts.deviceScaleFactor}`] : []), ...(opts.extraArgs ?? [])],
  });
  try {
    const workerTarget = await browser.waitForTarget(
      (t: Target) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
      { timeout: 20_000 },
    );
    const extensionId = new URL(workerTarget.url()).host;
    const extension = (await browser.extensions()).get(extensionId);
    if (!extension) throw new Error('The extension did not register');
    // Every test browser is a first install: the welcome tab would be one more page in the tests' way.
    if (freshProfile && !opts.keepWelcome) await (await welcomeTab(browser, extensionId)).close();

    const worker = async (): Promise<WebWorker> => {
      const target = await browser.waitForTarget(
        (t: Target) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`),
        { timeout: 20_000 },
      );
      const w = await target.worker();
      if (!w) throw new Error('Service worker target has no worker');
      // launch() does not wait for the worker's script: poll until chrome.runtime is usable.
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          if (await w.evaluate(() => typeof chrome !== 'undefined' && typeof chrome.runtime?.id === 'string')) return w;
        } catch { /* not ready yet */ }
        if (Date.now() > deadline) throw new Error('Service worker never became ready');
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const newPage = async (url?: string): Promise<Page> => {
      const page = await browser.newPage();
      if (opts.deviceScaleFactor) await page.setViewport({ width, height, deviceScaleFactor: opts.deviceScaleFactor });
      if (url) await page.goto(url, { waitUntil: 'load' });
      return page;
    };

    const popupUrl = `chrome-extension://${extensionId}/extension/popup/index.html`;

    const openActionPopup = async (page: Page): Promise<Page> => {
      await page.bringToFront();
      // A popup tab left open by a failed test has the same URL: wait for a new target, not any match.
      const before = new Set(browser.targets().filter((t) => t.url() === popupUrl));
      const popupTarget = browser.waitForTarget((t: Target) => t.url() === popupUrl && t.type() === 'page' && !before.has(t), { timeout: 15_000 });
      await page.triggerExtensionAction(extension);
      const target = await popupTarget;
      const popup = await target.asPage();
      await popup.waitForFunction(() => document.readyState === 'complete');
      return popup;
    };

    const openPopupTab = async (): Promise<Page> => {
      const page = await browser.newPage();
      await page.goto(popupUrl, { waitUntil: 'load' });
      return page;
    };

    const close = async (closeOpts: { keepProfile?: boolean } = {}) => {
      await browser.close();
      if (ownsProfile && !closeOpts.keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    };

    return { browser, userDataDir, extensionId, extension, worker, newPage, openActionPopup, openPopupTab, close };
  } catch (err) {
    await browser.close().catch(() => undefined);
    if (ownsProfile) rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Sends a message from the service worker to the content script in `page`'s tab (top frame).
 * The extension has no "tabs" permission, so the tab is found as the active one after bringing it to front.
 */
export async function askContentScript(worker: WebWorker, page: Page, method: string, params: unknown = {}): Promise<unknown> {
  await page.bringToFront();
  // The content script is injected at document_idle, which may come just after "load",
  // so right after "load" it may not listen yet: retry "Receiving end does not exist" for a while.
  return worker.evaluate(async (m: string, p: unknown) => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (!tab?.id) throw new Error('no active tab');
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        return await chrome.tabs.sendMessage(tab.id, { keyfob: 1, method: m, params: p }, { frameId: 0 });
      } catch (err) {
        if (Date.now() > deadline || !String(err).includes('Receiving end does not exist')) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }, method, params);
}

/** A background reply as it arrives, for tests that assert on error codes. */
export type RawReply = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

/** Sends one message to the background from an extension page, as the popup does, and returns the raw reply. */
export function sendFromExtensionPage(extPage: Page, method: string, params: unknown = {}): Promise<RawReply> {
  return extPage.evaluate(
    (m: string, p: unknown) => chrome.runtime.sendMessage({ keyfob: 1, method: m, params: p }),
    method, params,
  ) as Promise<RawReply>;
}

/** Calls the background from an extension page for setup that is not under test; throws on an error reply. */
export async function callBackgroundFrom<T = Record<string, unknown>>(extPage: Page, method: string, params: unknown = {}): Promise<T> {
  const reply = await sendFromExtensionPage(extPage, method, params);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

/** Waits until Keyfob's content script in `page`'s top frame answers (it is injected at document_idle, after "load"). */
export async function contentScriptReady(h: Harness, page: Page): Promise<void> {
  const worker = await h.worker();
  for (let attempt = 0; ; attempt++) {
    try {
      await askContentScript(worker, page, 'contentPing');
      return;
    } catch (err) {
      if (attempt > 40) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Deletes the vault's IndexedDB database from an extension page, so a test starts from no vault. A delete the worker's
 * open connection blocks fails at once, unless the test expects the worker to let go of it (`waitIfBlocked`).
 */
export function deleteVaultDatabase(page: Page, opts: { waitIfBlocked?: boolean } = {}): Promise<void> {
  return page.evaluate((waitIfBlocked) => new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase('keyfob-vault');
    req.onsuccess = () => resolve();
    req.onerror = () => reject(new Error('delete failed'));
    if (!waitIfBlocked) req.onblocked = () => reject(new Error('delete blocked'));
  }), opts.waitIfBlocked ?? false);
}

/**
 * Stops the extension's service worker (as MV3 does after 30 s idle) through the DevTools protocol of `page`, and
 * waits until it is gone; the next message or event starts it again.
 */
export async function stopServiceWorker(h: Harness, page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  for (let i = 0; i < 200 && serviceWorkerRunning(h); i++) await new Promise((r) => setTimeout(r, 25));
  if (serviceWorkerRunning(h)) throw new Error('the service worker did not stop');
}

/** Whether the extension's service worker runs now (a stopped one has no target). */
export function serviceWorkerRunning(h: Harness): boolean {
  return h.browser.targets().some((t) => t.type() === 'service_worker' && t.url().includes(h.extensionId));
}

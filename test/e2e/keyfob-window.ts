// Waits for the Keyfob window an action opens (the toolbar popup, or the same page in a small window).
import type { Page, Target } from 'puppeteer-core';
import type { Harness } from './harness.ts';

/** Resolves with the next Keyfob page that opens after this call (not one already open). */
export function nextKeyfobPage(h: Harness): Promise<Page> {
  const popupUrl = `chrome-extension://${h.extensionId}/extension/popup/index.html`;
  const before = new Set(h.browser.targets().filter((t) => t.url().startsWith(popupUrl)));
  return h.browser.waitForTarget((t: Target) => t.url().startsWith(popupUrl) && t.type() === 'page' && !before.has(t), { timeout: 15_000 })
    .then(async (t) => {
      const page = await t.asPage();
      await page.waitForFunction(() => document.readyState === 'complete');
      return page;
    });
}

/** The tab id of `page`, asked from the worker after bringing the page to the front (no "tabs" permission). */
export async function tabIdOf(h: Harness, page: Page): Promise<number> {
  await page.bringToFront();
  return (await h.worker()).evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1);
}

/**
 * Enter on a Keyfob window whose button closes it on the key going down: the key's release then finds no page,
 * which is the window doing its job, not a failure. Any other error still fails the test.
 */
export async function pressEnterClosing(keyfob: Page): Promise<void> {
  await keyfob.keyboard.press('Enter').catch((err: unknown) => {
    if (!keyfob.isClosed() && !String(err).includes('Target closed')) throw err;
  });
}

// Saving a page's recovery codes as a user does: click Keyfob's in-page offer, then Save in Keyfob's own window.
import type { Page, Target } from 'puppeteer-core';
import type { Harness } from './harness.ts';
import { clickKeyfobButton } from './attacks/inline-ui-driver.ts';
import { press, waitForText } from './popup-driver.ts';

/** Clicks the offer on `page`, checks the question Keyfob's window asks, presses Save and returns the notice. */
export async function saveRecoveryCodesThroughKeyfob(h: Harness, page: Page, question: string): Promise<string> {
  const popupUrl = `chrome-extension://${h.extensionId}/extension/popup/index.html`;
  const before = new Set(h.browser.targets().filter((t) => t.url().startsWith(popupUrl)));
  const opened = h.browser.waitForTarget((t: Target) => t.url().startsWith(popupUrl) && t.type() === 'page' && !before.has(t), { timeout: 15_000 });
  await page.bringToFront();
  await clickKeyfobButton(page);
  const keyfob = await (await opened).asPage();
  await waitForText(keyfob, '[data-testid="save-recovery-question"]', question);
  await press(keyfob, 'Save');
  const notice = await waitForText(keyfob, '[role="status"]', 'Saved');
  await keyfob.close();
  return notice;
}

// Browsing must not keep Keyfob busy: a stopped service worker stays stopped while tabs load pages without a code
// field, and starts for the page that has one. The worker is never attached to over DevTools here (an attached worker
// cannot be stopped), so everything is read from an extension page.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindingFor, startLab, vaultWith, waitForCode, type LabServer } from './autofill-setup.ts';
import { launchWithExtension, serviceWorkerRunning, stopServiceWorker, type Harness } from './harness.ts';

describe('the service worker while the user browses', () => {
  let h: Harness;
  let lab: LabServer;
  let ext: Page;
  let base: string;

  beforeAll(async () => {
    lab = await startLab();
    h = await launchWithExtension();
    const session = await lab.newSession();
    base = `${lab.url('127.0.0.1')}${session.base}`;
    ({ ext } = await vaultWith(h, session.account, [bindingFor(lab.url('127.0.0.1'))]));
  });
  afterAll(async () => {
    await h?.close();
    await lab?.close();
  });

  it('stays stopped while a tab loads page after page, and starts for the page with a code field, whose tab is badged', async () => {
    const page = await h.newPage(`${base}/signed-in?visit=first`);
    await stopServiceWorker(h, ext);
    // A listener for tab events would start it at every load: a user's browsing would keep the worker busy.
    for (let i = 0; i < 3; i++) await page.goto(`${base}/signed-in?visit=${i}`, { waitUntil: 'load' });
    // Time for the content script to run on the last page (document_idle) and for any event to reach the worker.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(serviceWorkerRunning(h)).toBe(false);

    await page.goto(`${base}/challenge/plain`, { waitUntil: 'load' });
    await waitForCode(page, 'input[name="code"]');
    expect(serviceWorkerRunning(h)).toBe(true);
    await page.bringToFront();
    // The badge is set beside the fill, not before it (toolbar-state.ts noteCodeField runs on its own): wait for it.
    const badge = await ext.waitForFunction(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      const text = tab?.id === undefined ? null : await chrome.action.getBadgeText({ tabId: tab.id });
      return text ? text : null; // '' until the badge is set
    }, { timeout: 10_000 });
    expect(await badge.jsonValue()).toBe('1');
    await page.close();
  });
});

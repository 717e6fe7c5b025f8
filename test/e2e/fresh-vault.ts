// For suites that drive the background directly: one browser for the whole file, and no vault at the start of each
// test (the vault database is deleted from the extension's own origin after a lock).
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Page } from 'puppeteer-core';
import { callBackgroundFrom, deleteVaultDatabase, launchWithExtension, type Harness } from './harness.ts';

/**
 * Registers the hooks. `ready` receives the browser and an extension page (the popup document in a tab) to send
 * background messages from, once, before the first test. `waitIfBlocked`: see deleteVaultDatabase.
 */
export function freshVaultPerTest(ready: (fresh: { h: Harness; page: Page }) => void, opts: { waitIfBlocked?: boolean } = {}): void {
  let h: Harness | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    h = await launchWithExtension();
    page = await h.openPopupTab();
    ready({ h, page });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await callBackgroundFrom(page!, 'lock');
    await deleteVaultDatabase(page!, opts);
  });
}

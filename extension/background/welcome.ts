// The welcome tab after a first install: where Keyfob's button is, creating the vault, and the ways to add accounts.
import { localStore } from './platform/browser-api.ts';
import { vaultState } from './vault/lifecycle.ts';

/** The page's path inside the package (vite.config.ts builds it as the `welcomePage` input). */
export const WELCOME_PAGE_PATH = 'extension/welcome/index.html';

/**
 * Set once the tab has been opened. Chromium reports 'install' again each time an unpacked extension is loaded into a
 * profile that already had it (a test restarting its browser, a developer's `npm start` on a kept profile), with the
 * extension's storage kept: this says the welcome was given. A real uninstall clears it with the rest of the storage.
 */
const SHOWN_KEY = 'welcome.shown';

/**
 * Registers the install listener; call it at the worker's top level, since a listener added later misses the event that
 * woke the worker. An update, a browser update or a re-enable is not a first meeting, and a profile that already holds
 * a vault (a reinstall over kept data) needs no introduction: the tab opens for neither.
 */
export function installWelcomePage(): void {
  chrome.runtime.onInstalled.addListener((details) => {
    void welcomeAfterInstall(details.reason).catch(() => undefined);
  });
}

/** Opens the welcome tab if this install event calls for it; says whether it did. */
export async function welcomeAfterInstall(reason: string): Promise<boolean> {
  if (reason !== 'install') return false;
  const [shown, vault] = await Promise.all([localStore.get<boolean>(SHOWN_KEY), vaultState()]);
  if (shown === true || vault !== 'none') return false;
  await localStore.set(SHOWN_KEY, true);
  // tabs.create needs no permission: the tab shows one of Keyfob's own pages.
  await chrome.tabs.create({ url: chrome.runtime.getURL(WELCOME_PAGE_PATH) });
  return true;
}

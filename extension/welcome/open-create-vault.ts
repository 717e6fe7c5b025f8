// The welcome page's "create the vault" button: Keyfob's own popup, where the first screen creates the vault.
import { openExtensionTab } from '../popup/browser.ts';

const POPUP_PATH = 'extension/popup/index.html';

/**
 * The toolbar popup when the browser lets a page open it (Chrome 127+, Firefox on a click), which also shows where
 * Keyfob's button is; otherwise the same page in a tab. Either opens at the create-vault screen while there is no vault.
 */
export async function openCreateVault(): Promise<void> {
  try {
    await chrome.action.openPopup();
  } catch {
    await openExtensionTab(POPUP_PATH);
  }
}

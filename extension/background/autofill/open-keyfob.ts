// Brings Keyfob's own UI up for a page that needs the user: unlock, or choose an account (never in page DOM).
const POPUP_PATH = 'extension/popup/index.html';

/** Opens the toolbar popup when the browser allows it, else the same page in a small window, for `tabId`. */
export async function openKeyfobFor(tabId: number | null, reason: 'unlock' | 'choose' | 'save-codes'): Promise<boolean> {
  try {
    await chrome.action.openPopup();
    return true;
  } catch {
    // openPopup needs a focused normal window; a popup window works everywhere.
  }
  const query = new URLSearchParams({ for: reason, ...(tabId !== null ? { tab: String(tabId) } : {}) });
  try {
    await chrome.windows.create({ url: chrome.runtime.getURL(`${POPUP_PATH}?${query}`), type: 'popup', width: 380, height: 600 });
    return true;
  } catch {
    return false;
  }
}

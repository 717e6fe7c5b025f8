// Brings Keyfob's own UI up when the user is needed away from the toolbar button (to unlock, choose an account or save
// recovery codes for a page, or to decode an image from the context menu): the one place that opens it as a window.
const POPUP_PATH = 'extension/popup/index.html';
/** The popup page is 360 px wide and at most 600 px tall (popup.css); the window adds its frame and title bar. */
const WINDOW_SIZE = { width: 380, height: 640 } as const;

/** What a page needs the user for, and which tab asked; the popup reads both from its address. */
export interface KeyfobRequest {
  reason: 'unlock' | 'choose' | 'save-codes';
  tabId: number | null;
}

function popupUrl(request: KeyfobRequest | null): string {
  if (request === null) return chrome.runtime.getURL(POPUP_PATH);
  const query = new URLSearchParams({ for: request.reason, ...(request.tabId !== null ? { tab: String(request.tabId) } : {}) });
  return chrome.runtime.getURL(`${POPUP_PATH}?${query}`);
}

/** Opens the toolbar popup when the browser allows it, else the same page in a small window; false when neither opened. */
export async function openKeyfobWindow(request: KeyfobRequest | null): Promise<boolean> {
  try {
    await chrome.action.openPopup();
    return true;
  } catch {
    // openPopup needs a focused normal window; a popup window works everywhere.
  }
  try {
    await chrome.windows.create({ url: popupUrl(request), type: 'popup', ...WINDOW_SIZE });
    return true;
  } catch {
    return false;
  }
}

/** Opens Keyfob for a page's request in `tabId` (null: no tab known). */
export function openKeyfobFor(tabId: number | null, reason: KeyfobRequest['reason']): Promise<boolean> {
  return openKeyfobWindow({ reason, tabId });
}

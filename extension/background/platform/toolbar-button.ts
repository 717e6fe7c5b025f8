// The one thin wrapper around the toolbar button (chrome.action) and the browser events it follows, so toolbar-state.ts
// never touches chrome.* directly. Firefox's MV3 `chrome.action` takes the same calls.

export const toolbarButton = {
  async setIcon(paths: Record<string, string>): Promise<void> {
    await chrome.action.setIcon({ path: paths });
  },
  async setTitle(title: string, tabId?: number): Promise<void> {
    await chrome.action.setTitle(tabId === undefined ? { title } : { tabId, title });
  },
  /** An empty text removes the tab's badge. */
  async setTabBadge(tabId: number, text: string): Promise<void> {
    await chrome.action.setBadgeText({ tabId, text });
  },
  async setBadgeColor(color: string): Promise<void> {
    await chrome.action.setBadgeBackgroundColor({ color });
  },
};

export function onBrowserStartup(listener: () => void): void {
  chrome.runtime.onStartup.addListener(listener);
}

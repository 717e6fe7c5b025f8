// The one thin wrapper around the browser APIs the popup uses, so screens never touch chrome.* directly.

export interface ActiveTab { id: number; windowId: number; url: string | null }

/** The tab the popup was opened over; its url is readable only when activeTab was granted. */
export async function activeTab(): Promise<ActiveTab | null> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (!tab || tab.id === undefined) return null;
  return { id: tab.id, windowId: tab.windowId, url: tab.url ?? null };
}

export function captureVisibleTab(windowId: number): Promise<string> {
  return chrome.tabs.captureVisibleTab(windowId, { format: 'png' });
}

/** Runs a self-contained function in every frame of the tab and returns each frame's result. */
export async function runInTab<T>(tabId: number, func: () => T): Promise<{ frameId: number; result: T }[]> {
  const results = await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, func });
  return results.map((r) => ({ frameId: r.frameId, result: r.result as T }));
}

export async function readSession<T>(key: string): Promise<T | null> {
  const got = await chrome.storage.session.get(key);
  return (got[key] as T | undefined) ?? null;
}

export async function writeSession(key: string, value: unknown): Promise<void> {
  await chrome.storage.session.set({ [key]: value });
}

export async function removeSession(key: string): Promise<void> {
  await chrome.storage.session.remove(key);
}

/** Calls `listener` whenever one of `keys` changes in session storage; returns the way to stop listening. */
export function onSessionChange(keys: readonly string[], listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && keys.some((k) => k in changes)) listener();
  };
  chrome.storage.onChanged.addListener(handler);
  return () => chrome.storage.onChanged.removeListener(handler);
}

/** Copies text; falls back to a selection copy when the async clipboard refuses (popup not focused). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Opens one of Keyfob's own pages in a tab (the import page: Firefox closes a popup when a file picker opens). */
export async function openExtensionTab(path: string): Promise<void> {
  await chrome.tabs.create({ url: chrome.runtime.getURL(path) });
}

/** Offers text as a file download from the popup. */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Makes sure Keyfob may reach a server (WebDAV): asked at run time, from the click, only when the browser does not
 * already allow it. The content script's match patterns cover every http(s) host at install, but the user can
 * withdraw that per site (Chromium's site access, Firefox's permissions), and then the browser asks here. Not
 * declared as optional_host_permissions: Chromium then withholds those hosts from the content-script grant too
 * (measured: permissions.contains turns false for every host).
 */
export async function requestHostAccess(url: string): Promise<boolean> {
  // Match patterns carry no port: the grant covers the server's host on any port.
  const { protocol, hostname } = new URL(url);
  const origins = [`${protocol}//${hostname}/*`];
  // Asked before any other await: the browser's prompt needs the click's user activation.
  const asking = chrome.permissions.contains({ origins });
  return (await asking) || chrome.permissions.request({ origins });
}

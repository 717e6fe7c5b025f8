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
 * Asks for the host permission of a server (WebDAV) from a click: the browser shows its prompt, or answers
 * at once where the permission is already held. False when the user declines.
 */
export function requestHostAccess(url: string): Promise<boolean> {
  // Match patterns carry no port: the grant covers the server's host on any port.
  const { protocol, hostname } = new URL(url);
  return chrome.permissions.request({ origins: [`${protocol}//${hostname}/*`] });
}

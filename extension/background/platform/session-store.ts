// The one wrapper around chrome.storage.session for the background: typed reads, writes and change events, so no other
// background file touches the session area directly.

/** Session storage lives in memory only, is cleared when the browser closes, and is closed to content scripts. */
export const sessionStore = {
  async restrictToTrustedContexts(): Promise<void> {
    // Firefox has no setAccessLevel: there session storage is never exposed to content scripts in the first place.
    if (typeof chrome.storage.session.setAccessLevel !== 'function') return;
    await chrome.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  },
  /** The value stored under `key`, as the writer stored it; null when there is none. */
  async get<T>(key: string): Promise<T | null> {
    const got = await chrome.storage.session.get(key);
    return (got[key] as T | undefined) ?? null;
  },
  async set(key: string, value: unknown): Promise<void> {
    await chrome.storage.session.set({ [key]: value });
  },
  async remove(key: string): Promise<void> {
    await chrome.storage.session.remove(key);
  },
  /** Calls `listener` with the keys changed, for every change to the session area (where the unlocked key lives too). */
  onChanged(listener: (keys: string[]) => void): void {
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'session') listener(Object.keys(changes));
    });
  },
};

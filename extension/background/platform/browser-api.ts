// Thin wrappers around the browser APIs the background uses (local storage, alarms, idle, browser sync, host access),
// so vault code never touches chrome.* directly; session storage has its own wrapper, session-store.ts.

/** Local storage persists on disk: only for things that are not secret (settings). */
export const localStore = {
  async get<T>(key: string): Promise<T | null> {
    const got = await chrome.storage.local.get(key);
    return (got[key] as T | undefined) ?? null;
  },
  async set(key: string, value: unknown): Promise<void> {
    await chrome.storage.local.set({ [key]: value });
  },
};

export const alarms = {
  async createRepeating(name: string, periodMinutes: number): Promise<void> {
    await chrome.alarms.create(name, { periodInMinutes: periodMinutes, delayInMinutes: periodMinutes });
  },
  /** Fires once at `when` (epoch ms); Chromium may fire it later (at least 30 s from now for packed extensions). */
  async createAt(name: string, when: number): Promise<void> {
    await chrome.alarms.create(name, { when });
  },
  async clear(name: string): Promise<void> {
    await chrome.alarms.clear(name);
  },
  onAlarm(listener: (name: string) => void): void {
    chrome.alarms.onAlarm.addListener((alarm) => listener(alarm.name));
  },
};

export type IdleState = 'active' | 'idle' | 'locked';

export const idle = {
  setDetectionInterval(seconds: number): void {
    chrome.idle.setDetectionInterval(seconds);
  },
  queryState(seconds: number): Promise<IdleState> {
    return chrome.idle.queryState(seconds) as Promise<IdleState>;
  },
  onStateChanged(listener: (state: IdleState) => void): void {
    chrome.idle.onStateChanged.addListener((state) => listener(state as IdleState));
  },
};

/**
 * The browser's own sync storage (Chrome Sync, Firefox Sync): only the sync backend uses it, and only when the user
 * chose browser sync. Typed as the three calls that backend makes.
 */
export const syncStorage = {
  get: (keys: null): Promise<Record<string, unknown>> => chrome.storage.sync.get(keys),
  set: (items: Record<string, unknown>): Promise<void> => chrome.storage.sync.set(items),
  remove: (keys: string[]): Promise<void> => chrome.storage.sync.remove(keys),
};

/** Whether the extension may reach these host patterns now (the user can withdraw site access at any time). */
export function hasHostAccess(patterns: string[]): Promise<boolean> {
  return chrome.permissions.contains({ origins: patterns });
}

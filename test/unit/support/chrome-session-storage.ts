// chrome.storage.session for unit tests: an in-memory area that copies values in and out as the browser does (a caller
// never holds the stored object), reports changes to chrome.storage.onChanged listeners, and records the access level.
type ChangeListener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

export interface FakeSessionStorage {
  /** What the area holds now, as the browser would hand it out. */
  readonly items: Map<string, unknown>;
  accessLevel: string | null;
  /** Reports a change in another storage area, which session listeners must ignore. */
  emitOtherArea(area: string, keys: string[]): void;
}

/** Installs globalThis.chrome.storage (session area and onChanged), keeping any other chrome.* stub. */
export function installChromeSessionStorage(): FakeSessionStorage {
  const items = new Map<string, unknown>();
  const listeners: ChangeListener[] = [];
  const copy = <T>(value: T): T => structuredClone(value);
  const emit = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
    if (Object.keys(changes).length > 0) for (const listener of listeners) listener(changes, area);
  };
  const fake: FakeSessionStorage = {
    items,
    accessLevel: null,
    emitOtherArea: (area, keys) => emit(Object.fromEntries(keys.map((k) => [k, { newValue: 1 }])), area),
  };
  const session = {
    get: async (key: string) => (items.has(key) ? { [key]: copy(items.get(key)) } : {}),
    set: async (values: Record<string, unknown>) => {
      const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
      for (const [k, v] of Object.entries(values)) {
        changes[k] = { oldValue: items.get(k), newValue: copy(v) };
        items.set(k, copy(v));
      }
      emit(changes, 'session');
    },
    remove: async (key: string) => {
      if (!items.has(key)) return;
      const oldValue = items.get(key);
      items.delete(key);
      emit({ [key]: { oldValue } }, 'session');
    },
    setAccessLevel: async ({ accessLevel }: { accessLevel: string }) => { fake.accessLevel = accessLevel; },
  };
  const g = globalThis as unknown as { chrome?: Record<string, unknown> };
  g.chrome = {
    ...(g.chrome ?? {}),
    storage: { session, onChanged: { addListener: (l: ChangeListener) => { listeners.push(l); } } },
  };
  return fake;
}

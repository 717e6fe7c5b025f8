// When the worker opens the welcome tab: a first install into a profile with no vault and no welcome given yet, only.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type InstallListener = (details: { reason: string }) => void;

const fake = vi.hoisted(() => ({
  local: new Map<string, unknown>(),
  vault: 'none' as 'none' | 'locked' | 'unlocked',
  listeners: [] as ((details: { reason: string }) => void)[],
  opened: [] as string[],
}));

vi.mock('../../../extension/background/platform/browser-api.ts', () => ({
  localStore: {
    get: async (k: string) => fake.local.get(k) ?? null,
    set: async (k: string, v: unknown) => { fake.local.set(k, v); },
  },
}));
vi.mock('../../../extension/background/vault/lifecycle.ts', () => ({ vaultState: async () => fake.vault }));

vi.stubGlobal('chrome', {
  runtime: {
    onInstalled: { addListener: (l: InstallListener) => { fake.listeners.push(l); } },
    getURL: (path: string) => `chrome-extension://keyfob/${path}`,
  },
  tabs: { create: async ({ url }: { url: string }) => { fake.opened.push(url); } },
});

const { installWelcomePage, welcomeAfterInstall, WELCOME_PAGE_PATH } = await import('../../../extension/background/welcome.ts');
const WELCOME_URL = `chrome-extension://keyfob/${WELCOME_PAGE_PATH}`;

describe('the welcome tab', () => {
  beforeEach(() => {
    fake.local.clear();
    fake.vault = 'none';
    fake.opened.length = 0;
  });

  it('opens the welcome page on a first install with no vault', async () => {
    expect(await welcomeAfterInstall('install')).toBe(true);
    expect(fake.opened).toEqual([WELCOME_URL]);
  });

  it('opens it once: an install reported again on the same profile opens nothing', async () => {
    await welcomeAfterInstall('install');
    expect(await welcomeAfterInstall('install')).toBe(false);
    expect(fake.opened).toEqual([WELCOME_URL]);
  });

  it('opens nothing on an update, a browser update or a shared-module update', async () => {
    for (const reason of ['update', 'chrome_update', 'shared_module_update']) expect(await welcomeAfterInstall(reason)).toBe(false);
    expect(fake.opened).toEqual([]);
  });

  it('opens nothing when the profile already holds a vault', async () => {
    fake.vault = 'locked';
    expect(await welcomeAfterInstall('install')).toBe(false);
    expect(fake.opened).toEqual([]);
  });

  it('listens for the install event from the moment it is registered', async () => {
    installWelcomePage();
    expect(fake.listeners).toHaveLength(1);
    fake.listeners[0]?.({ reason: 'install' });
    await vi.waitFor(() => expect(fake.opened).toEqual([WELCOME_URL]));
  });
});

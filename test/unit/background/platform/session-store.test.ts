// The background's one session-storage wrapper, against an in-memory chrome.storage.session: values round-trip, a
// missing key reads as null, and change events name the session keys only.
import { beforeEach, describe, expect, it } from 'vitest';
import { installChromeSessionStorage, type FakeSessionStorage } from '../../support/chrome-session-storage.ts';
import { sessionStore } from '../../../../extension/background/platform/session-store.ts';

let fake: FakeSessionStorage;

beforeEach(() => {
  fake = installChromeSessionStorage();
});

describe('sessionStore', () => {
  it('reads back what was written under a key', async () => {
    await sessionStore.set('autofill.pending', [{ tabId: 3, createdAt: 10 }]);
    expect(await sessionStore.get<{ tabId: number }[]>('autofill.pending')).toEqual([{ tabId: 3, createdAt: 10 }]);
  });

  it('reads a key never written, or removed, as null', async () => {
    expect(await sessionStore.get('nothing.here')).toBeNull();
    await sessionStore.set('vault.dataKey', 'k');
    await sessionStore.remove('vault.dataKey');
    expect(await sessionStore.get('vault.dataKey')).toBeNull();
    expect(fake.items.has('vault.dataKey')).toBe(false);
  });

  it('closes the area to content scripts when asked', async () => {
    await sessionStore.restrictToTrustedContexts();
    expect(fake.accessLevel).toBe('TRUSTED_CONTEXTS');
  });

  it('asks nothing of a browser without access levels (Firefox never exposes the area to content scripts)', async () => {
    const storage = (globalThis as unknown as { chrome: { storage: { session: { setAccessLevel?: unknown } } } }).chrome.storage;
    delete storage.session.setAccessLevel;
    await expect(sessionStore.restrictToTrustedContexts()).resolves.toBeUndefined();
    expect(fake.accessLevel).toBeNull();
  });

  it('reports the keys of session changes and ignores changes to other storage areas', async () => {
    const seen: string[][] = [];
    sessionStore.onChanged((keys) => seen.push(keys));
    fake.emitOtherArea('local', ['settings']);
    await sessionStore.set('toolbar.shown', 'locked');
    await sessionStore.remove('toolbar.shown');
    expect(seen).toEqual([['toolbar.shown'], ['toolbar.shown']]);
  });
});

// updateSettings: changes sent at once are applied one after another, so none is lost; a refused one changes nothing.
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ local: new Map<string, unknown>() }));

// A store as slow as a real one: each read and write answers on a later turn, so unordered updates would interleave.
vi.mock('../../../extension/background/platform/browser-api.ts', () => ({
  localStore: {
    get: async (k: string) => { await new Promise((r) => setTimeout(r, 5)); return structuredClone(fake.local.get(k) ?? null); },
    set: async (k: string, v: unknown) => { await new Promise((r) => setTimeout(r, 5)); fake.local.set(k, structuredClone(v)); },
  },
}));

const { readSettings, updateSettings, DEFAULT_SETTINGS } = await import('../../../extension/background/vault/settings.ts');

describe('updateSettings', () => {
  it('keeps every one of several changes sent at once', async () => {
    const results = await Promise.all([
      updateSettings({ autofillMode: 'on-click' }),
      updateSettings({ submitAfterFill: true }),
      updateSettings({ autoLockMinutes: 5 }),
      updateSettings({ useCorrectedTime: true }),
    ]);
    const expected = { autofillMode: 'on-click', submitAfterFill: true, autoLockMinutes: 5, useCorrectedTime: true };
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, ...expected });
    // Each answer is the settings as they were right after that change.
    expect(results[1]).toMatchObject({ autofillMode: 'on-click', submitAfterFill: true, autoLockMinutes: DEFAULT_SETTINGS.autoLockMinutes });
  });

  it('refuses an invalid change without losing the changes around it', async () => {
    const refused = updateSettings({ autoLockMinutes: -1 });
    const after = updateSettings({ autofillMode: 'off' });
    await expect(refused).rejects.toThrow(/autoLockMinutes/);
    expect(await after).toMatchObject({ autofillMode: 'off', autoLockMinutes: 5 });
  });
});

// The auto-lock wiring, with the browser APIs replaced by in-memory fakes: locks only when idle long enough.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IdleState } from '../../../extension/background/platform/browser-api.ts';

const fake = vi.hoisted(() => ({
  session: new Map<string, unknown>(),
  local: new Map<string, unknown>(),
  alarms: new Set<string>(),
  idle: 'active' as IdleState,
  queried: [] as number[],
}));

vi.mock('../../../extension/background/platform/session-store.ts', () => ({
  sessionStore: {
    restrictToTrustedContexts: async () => undefined,
    get: async (k: string) => fake.session.get(k) ?? null,
    set: async (k: string, v: unknown) => { fake.session.set(k, v); },
    remove: async (k: string) => { fake.session.delete(k); },
  },
}));
vi.mock('../../../extension/background/platform/browser-api.ts', () => ({
  localStore: {
    get: async (k: string) => fake.local.get(k) ?? null,
    set: async (k: string, v: unknown) => { fake.local.set(k, v); },
  },
  alarms: {
    createRepeating: async (name: string) => { fake.alarms.add(name); },
    clear: async (name: string) => { fake.alarms.delete(name); },
    onAlarm: () => undefined,
  },
  idle: {
    setDetectionInterval: () => undefined,
    queryState: async (seconds: number) => { fake.queried.push(seconds); return fake.idle; },
    onStateChanged: () => undefined,
  },
}));

const { armAutoLock, lockIfIdle } = await import('../../../extension/background/vault/auto-lock.ts');
const { SESSION_KEYS } = await import('../../../extension/session-keys.ts');

/** What the popup and the autofill leave in session storage while unlocked: scanned secrets, recovery codes waiting for Save. */
function seedHandOffs(): void {
  fake.session.set(SESSION_KEYS.migrationBatch, { id: 7, size: 2, scanned: [0], pending: [{ secret: 'JBSWY3DPEHPK3PXP' }] });
  fake.session.set(SESSION_KEYS.recoverySaves, [{ saveId: 's', tabId: 1, origin: 'https://a.example', codes: ['RECOVERY-1'], createdAt: 1 }]);
  fake.session.set(SESSION_KEYS.pendingImage, { dataUrl: 'data:,', pageUrl: null });
}

describe('auto-lock', () => {
  beforeEach(async () => {
    fake.session.clear();
    fake.local.clear();
    fake.alarms.clear();
    fake.queried.length = 0;
    fake.session.set('vault.dataKey', 'k');
    await armAutoLock();
  });

  it('arms the backstop alarm while unlocked and measures idleness over the chosen minutes', async () => {
    expect([...fake.alarms]).toEqual(['keyfob-auto-lock']);
    fake.idle = 'active';
    await lockIfIdle();
    expect(fake.queried).toEqual([15 * 60]);
    expect(fake.session.has('vault.dataKey')).toBe(true);
  });

  it('forgets the data key and disarms when the user has been idle or the screen is locked', async () => {
    for (const state of ['idle', 'locked'] as const) {
      fake.session.set('vault.dataKey', 'k');
      await armAutoLock();
      fake.idle = state;
      await lockIfIdle();
      expect(fake.session.has('vault.dataKey')).toBe(false);
      expect(fake.alarms.size).toBe(0);
    }
  });

  it('clears every secret handed off in session storage when it locks, as the Lock button does', async () => {
    seedHandOffs();
    fake.session.set('unrelated', 'kept');
    fake.idle = 'idle';
    await lockIfIdle();
    expect([...fake.session.keys()]).toEqual(['unrelated']);
  });

  it('leaves the hand-offs alone while the user is active', async () => {
    seedHandOffs();
    fake.idle = 'active';
    await lockIfIdle();
    expect(fake.session.get(SESSION_KEYS.recoverySaves)).toEqual([{ saveId: 's', tabId: 1, origin: 'https://a.example', codes: ['RECOVERY-1'], createdAt: 1 }]);
    expect(fake.session.has(SESSION_KEYS.migrationBatch)).toBe(true);
  });

  it('never locks on idleness when auto-lock is set to 0 minutes', async () => {
    fake.local.set('settings', { autoLockMinutes: 0, autofillMode: 'automatic', submitAfterFill: false });
    await armAutoLock();
    expect(fake.alarms.size).toBe(0);
    fake.idle = 'idle';
    await lockIfIdle();
    expect(fake.session.has('vault.dataKey')).toBe(true);
  });
});

// Browsers for sync engine tests: each its own in-memory vault and device, all on one backend and one clock.
import { syncOnce, type SyncReport } from '../../../../extension/background/sync/engine/sync-once.ts';
import type { SyncBackend } from '../../../../extension/background/sync/backend.ts';
import { generateDataKey } from '../../../../src/shared/index.ts';
import { FakeSyncBackend } from './fake-sync-backend.ts';
import { MemorySyncVault } from './memory-sync-vault.ts';

/** A wall time well after the records' own clocks; tests move it forward (never back). */
export const START = Date.UTC(2026, 0, 1);
export const DAY = 24 * 60 * 60 * 1000;

export interface Clock {
  now: number;
}

export interface TestBrowser {
  readonly name: string;
  readonly vault: MemorySyncVault;
  sync(): Promise<SyncReport>;
}

export function newBrowser(name: string, backend: SyncBackend, key: CryptoKey, clock: Clock): TestBrowser {
  const vault = new MemorySyncVault();
  return {
    name,
    vault,
    sync: () => syncOnce({ backend, vault, key, device: { id: `device-${name}`, name }, now: () => clock.now }),
  };
}

export async function sharedKey(): Promise<CryptoKey> {
  return generateDataKey();
}

/** The error a sync stopped with; fails the test when it succeeded. */
export async function syncFailure(browser: TestBrowser): Promise<unknown> {
  return browser.sync().then(() => {
    throw new Error(`${browser.name} synced; a failure was expected`);
  }, (err: unknown) => err);
}

/**
 * Browsers A and B of one vault on one backend: A adds an account per issuer and syncs, B syncs it in, and the clock
 * moves a second on, so a test starts from two browsers that agree.
 */
export async function twoSynced(opts: { kind?: 'webdav' | 'storage-sync'; issuers?: string[] } = {}) {
  const backend = new FakeSyncBackend(opts.kind);
  const key = await sharedKey();
  const clock: Clock = { now: START };
  const a = newBrowser('a', backend, key, clock);
  const b = newBrowser('b', backend, key, clock);
  (opts.issuers ?? ['GitHub']).forEach((issuer, i) => a.vault.add(`acc${i + 1}`, issuer));
  await a.sync();
  await b.sync();
  clock.now += 1000;
  return { backend, key, clock, a, b };
}

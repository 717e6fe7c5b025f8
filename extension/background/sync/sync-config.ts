// Which backend this browser syncs with and what it last saw, in chrome.storage.local. Nothing here is secret in
// clear: the WebDAV app password and the recovery kit are sealed with the vault's data key, so a copied profile
// folder without the master password holds neither.
import type { SealedBox } from '../../../src/shared/index.ts';
import type { SyncBackendKind, SyncStatus } from '../../messages.ts';
import { localStore } from '../platform/browser-api.ts';
import type { KnownKeyFile } from './engine/guard-key-file.ts';

const CONFIG_KEY = 'sync.config';
const STATUS_KEY = 'sync.status';
const EDITS_KEY = 'sync.edits';

export interface SyncConfig {
  backend: SyncBackendKind;
  webdav: { url: string; username: string; sealedPassword: SealedBox } | null;
  /** Kept to rewrap the key file when the master password changes; never shown again after the kit screen. */
  sealedKit: SealedBox;
  deviceId: string;
  deviceName: string;
  /**
   * The key file rewrapped after a master password change, until the backend has it: already wrapped under the new
   * password and the kit, so keeping it here adds nothing an attacker could use that the backend's copy does not.
   */
  pendingKeyFile?: string;
  /**
   * The key file this browser last wrote or accepted, and digests of those it saw replaced: one of those coming back
   * is a server's rollback (engine/guard-key-file.ts). Wrapped under password + kit as on the backend, not secret.
   */
  keyFile?: KnownKeyFile;
  /** Set by joining, cleared by the first sync that succeeds after it (engine/fold-twins.ts). */
  joining?: boolean;
  /**
   * Set by "Rotate sync key" once this browser holds the new key: the next sync replaces the key file, removes every
   * other file (sealed under the old key) and writes them all again, then clears it. Retried until it succeeds.
   */
  rotating?: boolean;
}

export const EMPTY_STATUS: SyncStatus = { lastSyncAt: null, lastAttemptAt: null, error: null, refused: 0, merged: 0, devices: [] };

export async function readSyncConfig(): Promise<SyncConfig | null> {
  return localStore.get<SyncConfig>(CONFIG_KEY);
}

export async function writeSyncConfig(config: SyncConfig | null): Promise<void> {
  await localStore.set(CONFIG_KEY, config);
}

/** Changes the settings as they are now (not as a sync read them at its start); nothing when sync was turned off. */
export async function updateSyncConfig(change: (config: SyncConfig) => SyncConfig): Promise<void> {
  const config = await readSyncConfig();
  if (config) await writeSyncConfig(change(config));
}

export async function readSyncStatus(): Promise<SyncStatus> {
  return (await localStore.get<SyncStatus>(STATUS_KEY)) ?? EMPTY_STATUS;
}

export async function writeSyncStatus(status: SyncStatus): Promise<void> {
  await localStore.set(STATUS_KEY, status);
}

/**
 * When each account was last changed here, so a sync stamps the edit with the time it was made, not the time the
 * sync ran: otherwise whichever browser synced last would win a conflict, not whichever edited last.
 */
export async function noteEdits(ids: readonly string[], at: number): Promise<void> {
  const edits = (await localStore.get<Record<string, number>>(EDITS_KEY)) ?? {};
  for (const id of ids) edits[id] = Math.max(edits[id] ?? 0, at);
  await localStore.set(EDITS_KEY, edits);
}

export async function readEdits(): Promise<Map<string, number>> {
  return new Map(Object.entries((await localStore.get<Record<string, number>>(EDITS_KEY)) ?? {}));
}

/** Forgets the edit times a finished sync stamped (a later edit of the same account stays for the next sync). */
export async function forgetEdits(stamped: ReadonlyMap<string, number>): Promise<void> {
  const edits = (await localStore.get<Record<string, number>>(EDITS_KEY)) ?? {};
  for (const [id, at] of stamped) if (edits[id] !== undefined && edits[id] <= at) delete edits[id];
  await localStore.set(EDITS_KEY, edits);
}

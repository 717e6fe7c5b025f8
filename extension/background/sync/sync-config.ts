// Which backend this browser syncs with and what it last saw, in chrome.storage.local. Nothing here is secret in
// clear: the WebDAV app password and the recovery kit are sealed with the vault's data key, so a copied profile
// folder without the master password holds neither.
import type { SealedBox } from '../../../src/shared/index.ts';
import type { SyncBackendKind, SyncErrorCode, SyncStatus } from '../../messages.ts';
import { localStore } from '../browser-api.ts';

const CONFIG_KEY = 'sync.config';
const STATUS_KEY = 'sync.status';

export interface SyncConfig {
  backend: SyncBackendKind;
  webdav: { url: string; username: string; sealedPassword: SealedBox } | null;
  /** Kept to rewrap the key file when the master password changes; never shown again after the kit screen. */
  sealedKit: SealedBox;
  deviceId: string;
  deviceName: string;
}

export const EMPTY_STATUS: SyncStatus = { lastSyncAt: null, lastAttemptAt: null, error: null, refused: 0, merged: 0, devices: [] };

export async function readSyncConfig(): Promise<SyncConfig | null> {
  return localStore.get<SyncConfig>(CONFIG_KEY);
}

export async function writeSyncConfig(config: SyncConfig | null): Promise<void> {
  await localStore.set(CONFIG_KEY, config);
}

export async function readSyncStatus(): Promise<SyncStatus> {
  return (await localStore.get<SyncStatus>(STATUS_KEY)) ?? EMPTY_STATUS;
}

export async function writeSyncStatus(status: SyncStatus): Promise<void> {
  await localStore.set(STATUS_KEY, status);
}

/** A failure as the popup shows it: the code picks the translated words, the message is for logs. */
export function statusError(code: SyncErrorCode, message: string): SyncStatus['error'] {
  return { code, message };
}

// The backend a sync config names, ready to use: the browser's sync storage, or a WebDAV folder whose app password is
// opened from its seal for this one sync. WebDAV needs the server's host permission, asked for by the popup.
import { SyncBackendError, type SyncBackend } from './backend.ts';
import type { SyncBackendKind, WebdavCredentials } from '../../messages.ts';
import type { SyncConfig } from './sync-config.ts';
import { createStorageSyncBackend } from './storage-sync-backend.ts';
import { createWebdavBackend } from './webdav-backend.ts';
import { noteServerDate } from '../clock/clock-state.ts';
import { openWithKey, type SealedBox } from '../../../src/shared/index.ts';
import { hasHostAccess, syncStorage } from '../platform/browser-api.ts';

export const WEBDAV_PASSWORD_AAD = 'keyfob/sync/webdav-password';

/** The app password exists in clear only in this worker's memory, for one sync. */
async function openWebdavPassword(sealed: SealedBox, key: CryptoKey): Promise<string> {
  return new TextDecoder().decode(await openWithKey(key, sealed, WEBDAV_PASSWORD_AAD));
}

/** The match pattern for a server's host: patterns carry no port, so one grant covers the host on any port. */
export function hostPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

/** A backend from plain credentials (joining, before the vault's key is known); `webdav` is needed for WebDAV. */
export async function backendFor(kind: SyncBackendKind, webdav: WebdavCredentials | null): Promise<SyncBackend> {
  if (kind === 'storage-sync') return createStorageSyncBackend(syncStorage);
  if (!webdav) throw new SyncBackendError('server', 'No WebDAV folder is set');
  if (!(await hasHostAccess([hostPattern(webdav.url)]))) {
    throw new SyncBackendError('forbidden', 'Keyfob may not reach this WebDAV server: its site access was withdrawn in the browser');
  }
  // The sync server's clock is one Keyfob talks to anyway: each answer's Date goes to the clock check.
  return createWebdavBackend({ ...webdav, onServerDate: (sentAt, receivedAt, date) => void noteServerDate(sentAt, receivedAt, date).catch(() => undefined) });
}

/** The backend a saved config names, its app password opened for this one use. */
export async function openBackend(config: SyncConfig, key: CryptoKey): Promise<SyncBackend> {
  const webdav = config.webdav && {
    url: config.webdav.url,
    username: config.webdav.username,
    password: await openWebdavPassword(config.webdav.sealedPassword, key),
  };
  return backendFor(config.backend, webdav);
}

// Turning sync on, joining from another browser, syncing now and turning it off: the background's whole sync API.
// The data key never leaves the worker: the backend gets it only wrapped under master password + recovery kit.
import { generateDataKey, openWithKey, sealWithKey, type SealedBox } from '../../../src/shared/index.ts';
import { newSyncKit, normaliseSyncKit, SyncKitError } from '../../../src/shared/sync/recovery-kit.ts';
import type { SyncErrorCode, SyncTarget, SyncView, WebdavCredentials } from '../../messages.ts';
import { HandlerError } from '../handler-types.ts';
import { verifyMasterPassword, vaultState } from '../vault/lifecycle.ts';
import { adoptDataKey } from './vault-side/adopt-key.ts';
import { requireDataKey } from '../vault/session-key.ts';
import { SyncBackendError, type SyncBackend } from './backend.ts';
import { guardKeyFile, noteKeyFile } from './engine/guard-key-file.ts';
import { FolderRefusedError, KeyRotatedError, NoKeyFileError, OtherVaultError, syncOnce } from './engine/sync-once.ts';
import { indexedDbSyncVault } from './indexed-db-sync-vault.ts';
import { KEY_BUNDLE_FILE, KeyBundleError, openKeyBundle, writeKeyBundle } from './key-bundle.ts';
import { clearSyncRows } from './local-sync-state.ts';
import { armSyncAlarm, disarmSyncAlarm, isSyncRunning, runSyncNow, whileApplying, withoutOtherSyncs } from './scheduler.ts';
import { carryWarnings } from './carry-warnings.ts';
import {
  EMPTY_STATUS, forgetEdits, readEdits, readSyncConfig, readSyncStatus, updateSyncConfig, writeSyncConfig, writeSyncStatus, type SyncConfig,
} from './sync-config.ts';
import { backendFor, openBackend, WEBDAV_PASSWORD_AAD } from './backend-factory.ts';
import { checkWebdavUrl } from './webdav-url.ts';

const SEALED_KIT_AAD = 'keyfob/sync/kit';

const KEY_FILE_REPLACED = 'The sync folder\'s key file was replaced by an older or different one; Keyfob wrote this browser\'s copy back. '
  + 'If you changed your master password, rotate the sync key: an old key file opens your vault with the old password.';

export async function syncView(): Promise<SyncView> {
  const config = await readSyncConfig();
  return {
    enabled: config !== null,
    backend: config?.backend ?? null,
    webdav: config?.webdav ? { url: config.webdav.url, username: config.webdav.username } : null,
    deviceName: config?.deviceName ?? null,
    running: isSyncRunning(),
    status: await readSyncStatus(),
  };
}

export async function syncEnabled(): Promise<boolean> {
  return (await readSyncConfig()) !== null;
}

/** A failure as a sync code: the popup words it, the status keeps it until the next sync works. */
export function syncFailure(err: unknown): { code: SyncErrorCode; message: string } {
  if (err instanceof SyncBackendError) return { code: err.code, message: err.message };
  // The engine's refusals carry their status code (engine/sync-errors.ts).
  if (err instanceof OtherVaultError || err instanceof NoKeyFileError || err instanceof FolderRefusedError || err instanceof KeyRotatedError) {
    return { code: err.code, message: err.message };
  }
  if (err instanceof KeyBundleError) return { code: err.code === 'wrong-secret' ? 'wrong_secret' : 'server', message: err.message };
  if (err instanceof HandlerError && err.code === 'locked') return { code: 'locked', message: err.message };
  return { code: 'server', message: err instanceof Error ? err.message : String(err) };
}

function failAs(err: unknown): HandlerError {
  return handlerErrorOf(syncFailure(err));
}

/** Each failure as the error code the popup words; spelt out so every code the background can send is greppable. */
function handlerErrorOf({ code, message }: { code: SyncErrorCode; message: string }): HandlerError {
  switch (code) {
    case 'offline': return new HandlerError('sync_offline', message);
    case 'unauthorized': return new HandlerError('sync_unauthorized', message);
    case 'forbidden': return new HandlerError('sync_forbidden', message);
    case 'quota': return new HandlerError('sync_quota', message);
    case 'busy': return new HandlerError('sync_busy', message);
    case 'wrong_secret': return new HandlerError('sync_wrong_secret', message);
    case 'other_vault': return new HandlerError('sync_other_vault', message);
    case 'no_key_file': return new HandlerError('sync_no_key_file', message);
    case 'locked': return new HandlerError('locked', message);
    // Only a browser that synced before can see these; joining starts with nothing accepted.
    case 'rollback':
    case 'fork':
    case 'key_file_replaced':
    case 'rotated': return new HandlerError('sync_server', message);
    case 'server': return new HandlerError('sync_server', message);
  }
}

function defaultDeviceName(): string {
  const ua = typeof navigator === 'object' ? navigator.userAgent : '';
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : 'Chromium';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /Linux|X11/.test(ua) ? 'Linux' : 'this computer';
  return `${browser} on ${os}`;
}

/** The target's WebDAV login with its address checked and written as a folder; null for browser sync. */
function checkedWebdav(target: SyncTarget): WebdavCredentials | null {
  if (target.backend !== 'webdav') return null;
  const creds = target.webdav as WebdavCredentials;
  const checked = checkWebdavUrl(creds.url);
  if (!checked.ok) throw new HandlerError('invalid_request', `That WebDAV address cannot be used (${checked.reason}).`);
  return { ...creds, url: checked.url.href };
}

async function configFor(target: SyncTarget, key: CryptoKey, kit: string): Promise<SyncConfig> {
  const creds = checkedWebdav(target);
  const webdav: SyncConfig['webdav'] = creds && {
    url: creds.url,
    username: creds.username,
    sealedPassword: await sealWithKey(key, new TextEncoder().encode(creds.password), WEBDAV_PASSWORD_AAD),
  };
  return {
    backend: target.backend,
    webdav,
    sealedKit: await sealWithKey(key, new TextEncoder().encode(kit), SEALED_KIT_AAD),
    deviceId: crypto.randomUUID().replaceAll('-', ''),
    deviceName: target.deviceName?.trim() || defaultDeviceName(),
  };
}

/** Turns sync on: the key file first (refused if the folder already holds a vault), then a first full sync. */
export async function enableSync(target: SyncTarget, masterPassword: string): Promise<{ kit: string; view: SyncView }> {
  if (await syncEnabled()) throw new HandlerError('sync_exists', 'Sync is already on; turn it off first to choose another backend.');
  const { dataKey } = await verifyMasterPassword(masterPassword);
  const kit = newSyncKit();
  const config = await configFor(target, dataKey, kit);
  try {
    const backend = await openBackend(config, dataKey);
    const keyFile = await writeKeyBundle(dataKey, masterPassword, kit);
    const [outcome] = await backend.write([{ name: KEY_BUNDLE_FILE, data: keyFile, ifMatch: null }]);
    if (!outcome?.ok) throw new HandlerError('sync_exists', 'This sync folder already holds a Keyfob vault: join it instead, or choose another folder.');
    config.keyFile = await noteKeyFile(undefined, keyFile);
  } catch (err) {
    if (err instanceof HandlerError) throw err;
    throw failAs(err);
  }
  await clearSyncRows();
  await writeSyncConfig(config);
  await writeSyncStatus(EMPTY_STATUS);
  await armSyncAlarm();
  const view = await syncNow();
  if (view.status.error?.code === 'quota') {
    // The vault does not fit there at all: turning sync on would only leave a key file and a standing error.
    await removeWhatEnableWrote(config, dataKey);
    await disableSync();
    throw new HandlerError('sync_quota', view.status.error.message);
  }
  return { kit, view };
}

/** Undoes a refused turn-on: the folder held no vault before it (the key file was created), so every file is ours. */
async function removeWhatEnableWrote(config: SyncConfig, dataKey: CryptoKey): Promise<void> {
  try {
    const backend = await openBackend(config, dataKey);
    const files = await backend.list();
    await backend.write(files.map((f) => ({ name: f.name, data: null, ifMatch: f.etag })));
  } catch {
    // Best effort: a key file left behind only makes the next turn-on there say "join it instead".
  }
}

/**
 * Joins a vault synced from another browser. With no vault here, this browser's vault is the synced one; with an
 * unlocked vault, its accounts are resealed under the synced key and merged in (nothing of either side is lost).
 */
export async function joinSync(target: SyncTarget, masterPassword: string, kitInput: string): Promise<SyncView> {
  if (await syncEnabled()) throw new HandlerError('sync_exists', 'Sync is already on; turn it off first to join another vault.');
  let kit: string;
  try {
    kit = normaliseSyncKit(kitInput);
  } catch (err) {
    throw new HandlerError('sync_wrong_secret', err instanceof SyncKitError ? err.message : 'Not a recovery kit.');
  }
  const state = await vaultState();
  if (state === 'locked') throw new HandlerError('locked', 'Unlock Keyfob first: its accounts join the synced vault.');
  // The config is sealed with the vault's key, which only the key file gives: until then the login is used as typed.
  let syncedKey: CryptoKey;
  let keyFile: string;
  try {
    const backend = await backendFor(target.backend, checkedWebdav(target));
    const [bundle] = await backend.read([KEY_BUNDLE_FILE]);
    if (!bundle) throw new NoKeyFileError();
    syncedKey = await openKeyBundle(bundle.data, masterPassword, kit);
    keyFile = bundle.data;
  } catch (err) {
    if (err instanceof HandlerError) throw err;
    throw failAs(err);
  }
  await adoptDataKey(syncedKey, masterPassword, Date.now());
  // Its own accounts meet the synced ones at the first sync: the same account in both is kept once.
  const config: SyncConfig = { ...await configFor(target, await requireDataKey(), kit), joining: true, keyFile: await noteKeyFile(undefined, keyFile) };
  await clearSyncRows();
  await writeSyncConfig(config);
  await writeSyncStatus(EMPTY_STATUS);
  await armSyncAlarm();
  await syncNow();
  return syncView();
}

export async function disableSync(): Promise<SyncView> {
  await writeSyncConfig(null);
  await writeSyncStatus(EMPTY_STATUS);
  await clearSyncRows();
  await disarmSyncAlarm();
  return syncView();
}

/** After a master password change: the key file is rewrapped now and pushed with the next sync. */
export async function rewrapSyncKeyFile(newPassword: string): Promise<void> {
  const config = await readSyncConfig();
  if (!config) return;
  // Wrapping needs the key extractable, as only the header gives it (the session copy is not): one more KDF run.
  const { dataKey: key } = await verifyMasterPassword(newPassword);
  const kit = new TextDecoder().decode(await openWithKey(key, config.sealedKit, SEALED_KIT_AAD));
  await writeSyncConfig({ ...config, pendingKeyFile: await writeKeyBundle(key, newPassword, kit) });
  void runSyncNow(runSync);
}

/**
 * Replaces the backend's key file with the rewrapped one, on the version it has (a conflict is retried next sync).
 * The file it replaces is remembered as superseded: the server putting it back is a rollback (guard-key-file.ts).
 */
async function pushPendingKeyFile(backend: SyncBackend, config: SyncConfig): Promise<void> {
  const pending = config.pendingKeyFile;
  if (!pending) return;
  const current = (await backend.list()).find((f) => f.name === KEY_BUNDLE_FILE);
  if (!current) throw new NoKeyFileError();
  const [outcome] = await backend.write([{ name: KEY_BUNDLE_FILE, data: pending, ifMatch: current.etag }]);
  if (!outcome?.ok) return;
  const keyFile = await noteKeyFile((await readSyncConfig())?.keyFile, pending);
  await updateSyncConfig(({ pendingKeyFile, ...rest }) => (pendingKeyFile === pending ? { ...rest, keyFile } : { ...rest, pendingKeyFile, keyFile }));
}

/** The folder's key file judged against the one this browser knows; true when a rollback was written over. */
async function checkKeyFile(backend: SyncBackend): Promise<boolean> {
  const config = await readSyncConfig();
  // A rewrap of this browser's own still waiting to be sent: the folder's file is expected to differ until then.
  if (!config || config.pendingKeyFile) return false;
  const { known, replaced } = await guardKeyFile(backend, config.keyFile);
  if (known !== config.keyFile) await updateSyncConfig((c) => ({ ...c, keyFile: known }));
  return replaced;
}

/**
 * Rotate sync key: everything merged first, then a new data key and kit; this browser's vault, its sealed sync
 * settings and (at the next sync) every backend file are sealed under the new key, the key file replaced and the old
 * files removed. Other browsers hold the old key: their next sync finds nothing it opens and says to join again. An
 * old key file the server kept opens only what was synced before. The new kit is returned, to be shown once.
 */
export async function rotateSyncKey(masterPassword: string): Promise<{ kit: string; view: SyncView }> {
  const kit = await withoutOtherSyncs(async () => {
    const config = await readSyncConfig();
    if (!config) throw new HandlerError('invalid_request', 'Sync is off here.');
    const { dataKey: oldKey } = await verifyMasterPassword(masterPassword);
    // A rotation left half done (offline) is finished before another starts.
    if (!config.rotating) {
      await runSync();
      const { error } = await readSyncStatus();
      // A key file put back was written over by that sync: rotating is the answer the status gives.
      if (error && error.code !== 'key_file_replaced') throw handlerErrorOf(error);
    }
    const newKey = await generateDataKey();
    const newKit = newSyncKit();
    const reseal = async (box: SealedBox, aad: string) => sealWithKey(newKey, await openWithKey(oldKey, box, aad), aad);
    const latest = (await readSyncConfig())!;
    await writeSyncConfig({
      ...latest,
      webdav: latest.webdav && { ...latest.webdav, sealedPassword: await reseal(latest.webdav.sealedPassword, WEBDAV_PASSWORD_AAD) },
      sealedKit: await sealWithKey(newKey, new TextEncoder().encode(newKit), SEALED_KIT_AAD),
      pendingKeyFile: await writeKeyBundle(newKey, masterPassword, newKit),
      rotating: true,
    });
    await adoptDataKey(newKey, masterPassword, Date.now());
    await runSync();
    return newKit;
  });
  return { kit, view: await syncView() };
}

/** The first sync after a rotation: the new key file in place (or nothing more), then every old file removed. */
async function finishRotation(backend: SyncBackend): Promise<void> {
  const config = await readSyncConfig();
  if (!config?.rotating) return;
  if (config.pendingKeyFile) throw new SyncBackendError('server', 'The new key file could not be written yet; the rotation finishes at the next sync.');
  const old = (await backend.list()).filter((f) => f.name !== KEY_BUNDLE_FILE);
  const outcomes = old.length > 0 ? await backend.write(old.map((f) => ({ name: f.name, data: null, ifMatch: f.etag }))) : [];
  if (outcomes.some((o) => !o.ok)) throw new SyncBackendError('server', 'Some old files changed while they were being removed; the rotation finishes at the next sync.');
  await clearSyncRows();
  const { rotating: _done, ...rest } = (await readSyncConfig())!;
  await writeSyncConfig(rest);
}

/**
 * One sync with the configured backend, its outcome written to the status; never throws (the status says). A run
 * after the first of one request keeps the warnings the runs before it reported (carry-warnings.ts).
 */
async function runSync(round = 0): Promise<void> {
  const config = await readSyncConfig();
  if (!config) return;
  const status = await readSyncStatus();
  const attemptAt = Date.now();
  try {
    const key = await requireDataKey();
    const backend: SyncBackend = await openBackend(config, key);
    await pushPendingKeyFile(backend, config);
    await finishRotation(backend);
    const keyFileReplaced = await checkKeyFile(backend);
    const editTimes = await readEdits();
    const report = await syncOnce({
      backend, vault: indexedDbSyncVault, key, device: { id: config.deviceId, name: config.deviceName }, now: Date.now, editTimes, applying: whileApplying,
      joining: config.joining === true,
    });
    if (config.joining) await updateSyncConfig((c) => ({ ...c, joining: false }));
    await forgetEdits(editTimes);
    // Turned off while it ran: the status belongs to nobody now.
    if (!(await syncEnabled())) return;
    await writeSyncStatus(carryWarnings(round > 0 && status.error === null ? status : null, {
      lastSyncAt: Date.now(),
      lastAttemptAt: attemptAt,
      error: keyFileReplaced ? { code: 'key_file_replaced', message: KEY_FILE_REPLACED } : null,
      refused: report.refused.length,
      merged: report.merged,
      stale: report.stale.length,
      withheld: report.withheld.length,
      dropped: report.dropped.length,
      epoch: report.epoch,
      digest: report.digest,
      devices: Object.entries(report.manifest.devices)
        .map(([id, d]) => ({ id, name: d.name, lastSyncAt: d.lastSyncAt, self: id === config.deviceId }))
        .sort((a, b) => Number(b.self) - Number(a.self) || b.lastSyncAt - a.lastSyncAt),
    }));
  } catch (err) {
    if (!(await syncEnabled())) return;
    await writeSyncStatus({ ...status, lastAttemptAt: attemptAt, error: syncFailure(err) });
  }
}

export async function syncNow(): Promise<SyncView> {
  await runSyncNow(runSync);
  return syncView();
}

/** For the scheduler's triggers. */
export const scheduledSync = runSync;

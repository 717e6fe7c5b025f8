// Sync methods: extension pages only (a page must never learn whether or where a vault syncs).
import type { SyncTarget } from '../../messages.ts';
import { expectObject, HandlerError, type HandlerTable } from '../handler-types.ts';
import { disableSync, enableSync, joinSync, rotateSyncKey, syncNow, syncView } from '../sync/sync-service.ts';
import { expectEmpty, expectPassword } from './vault-validators.ts';

type SyncMethods = 'syncStatus' | 'enableSync' | 'joinSync' | 'syncNow' | 'disableSync' | 'rotateSyncKey';

const invalid = (message: string) => new HandlerError('invalid_request', message);

function shortString(o: Record<string, unknown>, key: string, max: number): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw invalid(`Field "${key}" must be a string of 1 to ${max} characters`);
  return v;
}

export function expectSyncTarget(o: Record<string, unknown>): SyncTarget {
  const deviceName = o.deviceName === undefined ? undefined : shortString(o, 'deviceName', 100);
  if (o.backend === 'storage-sync') return { backend: 'storage-sync', ...(deviceName ? { deviceName } : {}) };
  if (o.backend !== 'webdav') throw invalid('Field "backend" must be "storage-sync" or "webdav"');
  const w = expectObject(o.webdav);
  return {
    backend: 'webdav',
    webdav: { url: shortString(w, 'url', 2048), username: shortString(w, 'username', 256), password: shortString(w, 'password', 1024) },
    ...(deviceName ? { deviceName } : {}),
  };
}

export const syncHandlers: HandlerTable<SyncMethods> = {
  syncStatus: { allow: ['extension-page'], parse: expectEmpty, run: syncView },
  enableSync: {
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      return { ...expectSyncTarget(o), masterPassword: expectPassword(o, 'masterPassword') };
    },
    run: ({ masterPassword, ...target }) => enableSync(target, masterPassword),
  },
  joinSync: {
    allow: ['extension-page'],
    parse: (raw) => {
      const o = expectObject(raw);
      return { ...expectSyncTarget(o), masterPassword: expectPassword(o, 'masterPassword'), kit: shortString(o, 'kit', 64) };
    },
    run: async ({ masterPassword, kit, ...target }) => ({ view: await joinSync(target, masterPassword, kit) }),
  },
  syncNow: { allow: ['extension-page'], parse: expectEmpty, run: syncNow },
  disableSync: { allow: ['extension-page'], parse: expectEmpty, run: disableSync },
  rotateSyncKey: {
    allow: ['extension-page'],
    parse: (raw) => ({ masterPassword: expectPassword(expectObject(raw), 'masterPassword') }),
    run: ({ masterPassword }) => rotateSyncKey(masterPassword),
  },
};

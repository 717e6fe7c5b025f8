// The vault the service worker syncs: the account rows and the sync store in IndexedDB, behind sync-vault.ts.
import { listAccounts } from '../vault/accounts.ts';
import { applySyncedChanges } from './vault-side/sync-apply.ts';
import { commitSyncRows, readSyncRows } from './local-sync-state.ts';
import type { SyncVault } from './sync-vault.ts';

export const indexedDbSyncVault: SyncVault = { listAccounts, applySyncedChanges, readSyncRows, commitSyncRows };

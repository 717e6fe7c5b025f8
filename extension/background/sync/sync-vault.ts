// What the sync engine needs of the vault, and nothing more: the accounts as they are, a way to write merged ones,
// and the sync store's rows. The engine sees only this, so it runs against an in-memory vault in Node (unit tests);
// the service worker passes the IndexedDB one (indexed-db-sync-vault.ts).
import type { AccountList } from '../vault/accounts.ts';
import type { SyncRow } from '../vault/db.ts';
import type { SyncedChange } from './vault-side/sync-apply.ts';

export interface SyncVault {
  /** Every account row: the readable ones, and the ids of rows that do not open (never taken for deletions). */
  listAccounts(): Promise<AccountList>;
  /** Writes the merged accounts whose rows still hold `expected`; the others are skipped (the user changed them). */
  applySyncedChanges(changes: readonly SyncedChange[]): Promise<{ applied: number; skipped: string[] }>;
  /** The sync store's rows by name: record files as last merged, cover files, the manifest this browser accepted. */
  readSyncRows(): Promise<Map<string, SyncRow>>;
  /** Writes and deletes sync rows all at once: a sync that stops half way leaves a consistent record. */
  commitSyncRows(written: readonly SyncRow[], deleted: readonly string[]): Promise<void>;
}

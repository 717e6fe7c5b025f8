// The vault's IndexedDB schema and its versioned upgrades; rows hold only an id, a position and sealed bytes.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SealedBox, WrappedKey } from '../../../src/shared/index.ts';

/**
 * The records' schema: bump when what a record holds changes. It is part of every record's AAD, and the upgrade step runs without
 * the key, so each row says which version sealed it (`schema`; absent means 1) and rows of an older version are
 * opened under that version's AAD and resealed at the next unlock (upgradeRows in accounts.ts).
 *
 * 1: records bound to registrable domains (`sites`).
 * 2: records bound to origins (`origins`); rows carry `schema`.
 */
export const SCHEMA_VERSION = 2;
/**
 * The database's structure version, apart from the records' schema (no record changed when the index store came):
 * 3 adds the `index` store; 4 adds the `sync` store (sync/local-sync-state.ts).
 */
const DB_VERSION = 4;
const DB_NAME = 'keyfob-vault';
/** The one key of the `index` store. */
export const INDEX_KEY = 'accounts';

/** The one header row: everything needed to turn a password into the data key, nothing secret in clear. */
export interface VaultHeader {
  schemaVersion: number;
  /**
   * The random data key, wrapped by the password-derived key; a password change rewrites only this.
   * It carries the KDF name and parameters (`wrappedKey.kdf`), so they can be raised later.
   */
  wrappedKey: WrappedKey;
  createdAt: number;
}

export interface AccountRow {
  id: string;
  position: number;
  /** The schema version the row was sealed under (part of its AAD); absent in rows written by version 1. */
  schema?: number;
  /** Every account field, sealed with the data key; AAD binds it to `id` and the schema version. */
  sealed: SealedBox;
}

/** The account list without secrets (index-record.ts), sealed with the data key; rewritten with every list change. */
export interface IndexRow {
  id: typeof INDEX_KEY;
  schema: number;
  sealed: SealedBox;
}

/**
 * What this browser last agreed with the sync backend about one file: the record as merged here (sealed exactly as
 * the backend's file is), the backend's version of that file when last read or written, and whether the two match.
 */
export interface SyncRow {
  name: string;
  /** The backend's version (ETag) of the file when this browser last read or wrote it; null when never there. */
  etag: string | null;
  /** Whether the backend's file at `etag` holds exactly this record (false: this browser has news to push). */
  synced: boolean;
  /** The file's text: a sealed, padded record (src/shared/sync), never plaintext. */
  data: string;
}

export interface VaultSchema extends DBSchema {
  header: { key: 'vault'; value: VaultHeader };
  accounts: { key: string; value: AccountRow; indexes: { position: number } };
  index: { key: typeof INDEX_KEY; value: IndexRow };
  sync: { key: string; value: SyncRow };
}

export type VaultDb = IDBPDatabase<VaultSchema>;

// A cache, not state: if the worker restarts it is simply reopened. Reusing one connection avoids leaking
// a connection per call; it is dropped when another context deletes or upgrades the database.
let connection: Promise<VaultDb> | null = null;

/** Opens (creating or upgrading) the vault database. */
export function openVaultDb(): Promise<VaultDb> {
  connection ??= openDB<VaultSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each step upgrades from the version before it, so a vault of any age reaches the current schema.
      if (oldVersion < 1) {
        db.createObjectStore('header');
        const accounts = db.createObjectStore('accounts', { keyPath: 'id' });
        accounts.createIndex('position', 'position');
      }
      // 1 → 2: no structural change; the rows are resealed with the data key at the next unlock, which this step lacks.
      // 2 → 3: the sealed account index; it is written the first time the list is read with the key at hand.
      if (oldVersion < 3) db.createObjectStore('index', { keyPath: 'id' });
      // 3 → 4: sync's own record of what the backend holds; empty until sync is turned on.
      if (oldVersion < 4) db.createObjectStore('sync', { keyPath: 'name' });
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      connection = null;
    },
    terminated() {
      connection = null;
    },
  }).catch((err: unknown) => {
    connection = null;
    throw err;
  });
  return connection;
}

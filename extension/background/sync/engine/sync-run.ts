// What one sync is given (SyncContext), what it tells (SyncReport), and the state its steps share while it runs.
import type { RecordMark } from '../../../../src/shared/sync/freshness.ts';
import type { SyncManifest } from '../../../../src/shared/sync/sync-seal.ts';
import type { SyncBackend } from '../backend.ts';
import type { SyncVault } from '../sync-vault.ts';
import type { LocalRecord } from './local-record.ts';
import type { RunClock } from './run-clock.ts';

export interface SyncContext {
  backend: SyncBackend;
  /** The accounts and the sync store (indexed-db-sync-vault.ts in the worker, an in-memory one in tests). */
  vault: SyncVault;
  key: CryptoKey;
  device: { id: string; name: string };
  now: () => number;
  /** When each account was last changed here (sync-config.ts noteEdits): its edit is stamped with that time. */
  editTimes?: ReadonlyMap<string, number>;
  /**
   * The first sync after joining with a vault of this browser's own. Twins (the same OTP parameters, secret included)
   * now fold in every sync where they meet (twins.ts), so this only tells the caller's bookkeeping; kept for it.
   */
  joining?: boolean;
  /** Runs the write of merged rows (the scheduler uses it so that write does not count as a local change). */
  applying?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface SyncReport {
  pulled: number;
  pushed: number;
  /** Records changed both here and on the backend since the last sync, merged field by field. */
  merged: number;
  /** Backend files that failed to open (tampered, swapped, of another vault): left alone and reported. */
  refused: string[];
  /** Rows the user changed while this sync ran: left for the next one. */
  skipped: number;
  /** Records whose file was older than a copy already seen (a rollback): refused, not merged. */
  stale: string[];
  /** Records the manifest says changed whose new file the server did not give (a freeze): reported. */
  withheld: string[];
  /** Accounts removed here because another browser deleted them so long ago that their tombstone expired. */
  dropped: string[];
  manifest: SyncManifest;
  /** The epoch of the manifest this sync left, and a short digest of the synced state (freshness.ts stateDigest). */
  epoch: number;
  digest: string;
}

/** The manifest this browser last accepted, sealed as on the backend: its epoch and marks are the floors it holds. */
export interface Accepted {
  manifest: SyncManifest;
  text: string;
  etag: string | null;
}

export interface SyncRun {
  readonly ctx: SyncContext;
  /** Every record this browser knows, by id: loaded from the sync rows, then stamped, pulled and pushed. */
  readonly local: Map<string, LocalRecord>;
  readonly accepted: Accepted | null;
  /** This vault's cover files on the backend (cover.ts): id → version. */
  readonly cover: Map<string, string>;
  readonly coverBefore: ReadonlySet<string>;
  readonly clock: RunClock;
  readonly report: SyncReport;
  /** Records to forget here: their file left the backend, or never reached it, and nobody needs to hear of them. */
  readonly gone: string[];
  /** Records read from the backend for the first time in this sync: twins meet here (fold-twins.ts). */
  readonly arrived: Set<string>;
  /** The manifest file as last read from the backend. */
  manifest: { text: string; etag: string } | null;
  /**
   * Only where writes are really conditional (WebDAV) are rollbacks judged: the browser's sync storage is last writer
   * wins per item between browsers, so an honest manifest or record write can be lost there and would look like one.
   */
  readonly guarded: boolean;
  /** The mark each record's file must reach: what this browser accepted before, and what the manifest now promises. */
  floors: Record<string, RecordMark>;
}

export const emptyReport = (): SyncReport => ({
  pulled: 0, pushed: 0, merged: 0, refused: [], skipped: 0, stale: [], withheld: [], dropped: [], manifest: { format: 1, devices: {} }, epoch: 0, digest: '',
});

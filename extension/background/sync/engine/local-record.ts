// What this browser knows of one record during a sync, and the few ways that knowledge changes: each change is named
// here once, so a step says "the backend lacks this" instead of setting four flags by hand.
import { markOf, type RecordMark } from '../../../../src/shared/sync/freshness.ts';
import type { SyncRecord } from '../../../../src/shared/sync/sync-record.ts';

export interface LocalRecord {
  record: SyncRecord;
  /** The backend file's version when last read or written; null when it was never there. */
  etag: string | null;
  /** The backend's file at `etag` holds exactly `record`. */
  synced: boolean;
  /** The sealed text of `record`, when known (read from the backend or sealed for it). */
  data: string | null;
  /** Its sync row must be written at the end of this sync. */
  dirty: boolean;
  /** The mark of the backend's file at `etag` when known: a file read later must not be below it. */
  seen: RecordMark | null;
}

/** A record made or changed here: the backend lacks this version. */
export function changeRecord(l: LocalRecord, record: SyncRecord): void {
  Object.assign(l, { record, synced: false, data: null, dirty: true });
}

/** The backend's file at `etag` is to be written over with this browser's record (it was damaged, or older). */
export function writeOver(l: LocalRecord, etag: string): void {
  Object.assign(l, { etag, synced: false, data: null, dirty: true });
}

/** The backend now holds exactly this record, at `etag`. */
export function notePushed(l: LocalRecord, etag: string): void {
  Object.assign(l, { etag, synced: true, dirty: true, seen: markOf(l.record) });
}

/** The file left the backend: the record goes back to it as a new file. */
export function noteRemoved(l: LocalRecord): void {
  Object.assign(l, { etag: null, synced: false, dirty: true, seen: null });
}

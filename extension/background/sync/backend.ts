// What the sync engine needs of a place that keeps the vault's sealed files: list them with their versions, read
// some, write some on condition. Every backend (the browser's sync storage, WebDAV) offers exactly this, so the
// engine never knows which one it talks to. Files hold only sealed bytes; names carry no issuer, site or count.
import { CodedError } from '../../../src/shared/coded-error.ts';

/** Why a backend call failed, in words the popup can translate; every backend maps its own errors onto these. */
export type SyncFailureCode =
  /** The network or the server cannot be reached (fetch failed, the server is down): retry later, nothing lost. */
  | 'offline'
  /** The server refused the credentials (HTTP 401). */
  | 'unauthorized'
  /** The server or the browser refused the operation (HTTP 403, or no host permission for the server's origin). */
  | 'forbidden'
  /** Out of room: HTTP 507, or the browser sync storage's quota of bytes or items. */
  | 'quota'
  /** Asked to slow down: the browser sync storage's writes per minute or hour (or HTTP 429); the next sync retries. */
  | 'busy'
  /** The server answered something that is not WebDAV, or a file that is not ours. */
  | 'server';

export class SyncBackendError extends CodedError<SyncFailureCode> {
  override name = 'SyncBackendError';
}

/** A file's name and the version the backend gave it (a WebDAV ETag, or a content hash for storage without ETags). */
export interface RemoteFile {
  name: string;
  etag: string;
}

export interface RemoteBlob extends RemoteFile {
  /** The file's text as written (JSON of sealed boxes). */
  data: string;
}

/** One conditional write: `ifMatch` is the version the writer last read, or null when the file must not exist yet. */
export interface FileWrite {
  name: string;
  /** The new content, or null to delete the file. */
  data: string | null;
  ifMatch: string | null;
}

export type WriteOutcome =
  | { name: string; ok: true; /** The version now stored; null after a delete. */ etag: string | null }
  /** Someone else changed (or created, or deleted) the file since `ifMatch`: read it again, merge, retry. */
  | { name: string; ok: false; conflict: true };

export interface SyncBackend {
  readonly kind: 'storage-sync' | 'webdav';
  /** Every file this vault has on the backend, with its current version. */
  list(): Promise<RemoteFile[]>;
  /** The named files' contents; a file that vanished since `list` is left out. */
  read(names: string[]): Promise<RemoteBlob[]>;
  /**
   * Applies the writes, each on its own condition. A conflict on one write does not stop the others; a failure that
   * is not a conflict (offline, quota…) throws SyncBackendError, and writes before it may have landed (each is whole).
   */
  write(writes: FileWrite[]): Promise<WriteOutcome[]>;
}

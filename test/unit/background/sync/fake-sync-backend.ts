// An in-memory sync backend (backend.ts) with versions and conditional writes, like a WebDAV folder; a test can make
// another writer land between a read and a write, make calls fail (offline, quota), and serve files as it likes.
import { SyncBackendError, type FileWrite, type RemoteBlob, type RemoteFile, type SyncBackend, type SyncFailureCode, type WriteOutcome } from '../../../../extension/background/sync/backend.ts';
import { KEY_BUNDLE_FILE } from '../../../../extension/background/sync/key-bundle.ts';

export interface StoredFile {
  data: string;
  etag: string;
}

export class FakeSyncBackend implements SyncBackend {
  files = new Map<string, StoredFile>();
  /** Every write asked of the backend, in order (conditional ones that failed included). */
  readonly writes: FileWrite[] = [];
  /** Runs before each write call (once per call): another browser's write landing in between. */
  beforeWrite: ((writes: readonly FileWrite[]) => Promise<void> | void) | null = null;
  /** Files the server leaves out of reads (a freeze): listed, never given. */
  readonly withheld = new Set<string>();
  private failures: { on: 'list' | 'read' | 'write'; code: SyncFailureCode }[] = [];
  private version = 0;

  constructor(readonly kind: 'webdav' | 'storage-sync' = 'webdav') {
    this.put(KEY_BUNDLE_FILE, '{"format":1}');
  }

  /** The next call of `on` throws a SyncBackendError with `code`, as a real backend does for that failure. */
  failNext(on: 'list' | 'read' | 'write', code: SyncFailureCode): void {
    this.failures.push({ on, code });
  }

  /** Writes a file with a new version, as another writer would. */
  put(name: string, data: string): string {
    const etag = `"v${++this.version}"`;
    this.files.set(name, { data, etag });
    return etag;
  }

  /** The folder as it is now; `restore` shows it again (a server rolled back to a backup). */
  snapshot(): Map<string, StoredFile> {
    return new Map(this.files);
  }

  restore(files: Map<string, StoredFile>): void {
    this.files = new Map(files);
  }

  /** Names of the record files (accounts, tombstones and cover), without the key file and manifest. */
  recordFiles(): string[] {
    return [...this.files.keys()].filter((n) => n.startsWith('r-')).sort();
  }

  async list(): Promise<RemoteFile[]> {
    this.failIfAsked('list');
    return [...this.files].map(([name, f]) => ({ name, etag: f.etag }));
  }

  async read(names: string[]): Promise<RemoteBlob[]> {
    this.failIfAsked('read');
    return names.flatMap((name) => {
      const f = this.files.get(name);
      return f && !this.withheld.has(name) ? [{ name, data: f.data, etag: f.etag }] : [];
    });
  }

  async write(writes: FileWrite[]): Promise<WriteOutcome[]> {
    await this.beforeWrite?.(writes);
    this.failIfAsked('write');
    return writes.map((w) => {
      this.writes.push(w);
      const current = this.files.get(w.name);
      if ((current?.etag ?? null) !== w.ifMatch) return { name: w.name, ok: false, conflict: true };
      if (w.data === null) {
        this.files.delete(w.name);
        return { name: w.name, ok: true, etag: null };
      }
      return { name: w.name, ok: true, etag: this.put(w.name, w.data) };
    });
  }

  private failIfAsked(on: 'list' | 'read' | 'write'): void {
    const i = this.failures.findIndex((f) => f.on === on);
    if (i < 0) return;
    const [failure] = this.failures.splice(i, 1);
    throw new SyncBackendError(failure!.code, `fake ${failure!.code}`);
  }
}

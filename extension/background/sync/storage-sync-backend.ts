// The browser's own sync storage (chrome.storage.sync, Firefox Sync) as a SyncBackend, within its quotas.
//
// Files are packed into items by storage-sync-layout.ts. One write() is ONE set (plus at most one remove), and it is
// checked against QUOTA_BYTES and MAX_ITEMS before anything is written, so a vault that outgrows the storage gets a
// 'quota' error that says how much is used, and nothing partial. The browser's own quota refusals map to 'quota'
// too, its write-rate refusals to 'busy'.
//
// Versions are the SHA-256 of a file's text; ifMatch is checked against the text read just before the set. That
// is not atomic across devices: browser sync is last-writer-wins per item, so a concurrent write from another
// browser can replace an item holding our change. The engine still converges: every sync lists what the storage
// holds, merges it (a join), and pushes again whatever the storage lacks, so a lost write comes back next time.
import { sha256Hex } from '../../../src/shared/text-digest.ts';
import { SyncBackendError, type FileWrite, type RemoteBlob, type RemoteFile, type SyncBackend, type WriteOutcome } from './backend.ts';
import { isFileName, planWrite, readLayout, STORAGE_SYNC_QUOTA, type Layout, type StorageSyncQuota } from './storage-sync-layout.ts';

/** What this backend needs of a storage area; chrome.storage.sync (and browser.storage.sync) fits it as is. */
export interface SyncStorageArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/**
 * Names in the browser's quota errors, as Chromium 156 words them (seen in test/e2e/sync-storage.test.ts):
 * "Resource::kQuotaBytes quota exceeded" (older versions: "QUOTA_BYTES quota exceeded") and
 * "This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.".
 */
const QUOTA_NAMES = /QUOTA_BYTES|MAX_ITEMS|MAX_WRITE_OPERATIONS|MAX_SUSTAINED_WRITE_OPERATIONS|quota/i;

export function createStorageSyncBackend(area: SyncStorageArea, quota: StorageSyncQuota = STORAGE_SYNC_QUOTA): SyncBackend {
  const load = async (): Promise<Layout> => readLayout(await call(() => area.get(null)));
  return {
    kind: 'storage-sync',

    async list(): Promise<RemoteFile[]> {
      const { files } = await load();
      return Promise.all([...files].map(async ([name, file]) => ({ name, etag: await sha256Hex(file.text) })));
    },

    async read(names: string[]): Promise<RemoteBlob[]> {
      const { files } = await load();
      const blobs: RemoteBlob[] = [];
      for (const name of names) {
        const file = files.get(name);
        if (file) blobs.push({ name, data: file.text, etag: await sha256Hex(file.text) });
      }
      return blobs;
    },

    async write(writes: FileWrite[]): Promise<WriteOutcome[]> {
      const layout = await load();
      // Current version of every name written, updated as earlier writes in this batch are accepted.
      const current = new Map<string, string | null>();
      const changes = new Map<string, string | null>();
      const versions = new Map<string, string>();
      const outcomes: WriteOutcome[] = [];
      for (const w of writes) {
        if (!isFileName(w.name)) throw new SyncBackendError('server', 'A sync file name must be 1 to 256 characters.');
        if (!current.has(w.name)) {
          const file = layout.files.get(w.name);
          current.set(w.name, file ? await sha256Hex(file.text) : null);
        }
        if ((w.ifMatch ?? null) !== current.get(w.name)) {
          outcomes.push({ name: w.name, ok: false, conflict: true });
          continue;
        }
        const etag = w.data === null ? null : await sha256Hex(w.data);
        current.set(w.name, etag);
        changes.set(w.name, w.data);
        if (etag) versions.set(w.name, etag.slice(0, 16));
        outcomes.push({ name: w.name, ok: true, etag });
      }
      // Deleting what is not there changes nothing.
      for (const [name, data] of changes) if (data === null && !layout.files.has(name) && !inAnyItem(layout, name)) changes.delete(name);
      if (changes.size === 0) return outcomes;

      const plan = planWrite(layout, changes, versions, quota);
      if (plan.bytesAfter > quota.QUOTA_BYTES || plan.itemsAfter > quota.MAX_ITEMS) {
        throw new SyncBackendError('quota', outgrownMessage(plan.bytesBefore, plan.bytesAfter, plan.itemsAfter, quota));
      }
      if (Object.keys(plan.set).length > 0) await call(() => area.set(plan.set));
      // After the set: if this remove fails, the items left behind hold only older copies, which lose to the set's.
      if (plan.remove.length > 0) await call(() => area.remove(plan.remove));
      return outcomes;
    },
  };
}

/** How many files of the given text fit next to `others` (name → text), by the same packing the backend uses. */
export function storageSyncCapacity(fileText: string, others: Record<string, string> = {}, quota: StorageSyncQuota = STORAGE_SYNC_QUOTA): number {
  let layout = readLayout({});
  const version = '0123456789abcdef';
  const apply = (changes: Map<string, string | null>): boolean => {
    const plan = planWrite(layout, changes, new Map([...changes.keys()].map((n) => [n, version])), quota);
    if (plan.bytesAfter > quota.QUOTA_BYTES || plan.itemsAfter > quota.MAX_ITEMS) return false;
    const items = { ...layout.items, ...plan.set };
    for (const key of plan.remove) delete items[key];
    layout = readLayout(items);
    return true;
  };
  if (!apply(new Map(Object.entries(others)))) return 0;
  let n = 0;
  // Named like the engine's record files (r- and a UUID), since names are stored with every piece.
  while (apply(new Map([[`r-${String(n).padStart(36, '0')}`, fileText]]))) n++;
  return n;
}

function inAnyItem(layout: Layout, name: string): boolean {
  return [...layout.chunks.values()].some((c) => c.f.some((p) => p[0] === name));
}

function outgrownMessage(before: number, after: number, items: number, quota: StorageSyncQuota): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const what = after > quota.QUOTA_BYTES
    ? `this change needs ${kb(after)} of the ${kb(quota.QUOTA_BYTES)} the browser's sync storage allows (${kb(before)} used now)`
    : `this change needs ${items} items of the ${quota.MAX_ITEMS} the browser's sync storage allows`;
  return `The vault has outgrown the browser's sync storage: ${what}. Nothing was written. Sync through a WebDAV folder (Nextcloud, ownCloud…) instead: it has no such limit.`;
}

/** Runs a storage call, turning the browser's refusals into SyncBackendError. */
async function call<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (QUOTA_NAMES.test(message)) {
      // A write rate is not a lack of room: "use WebDAV" would be the wrong advice, waiting is the right one.
      if (/WRITE_OPERATIONS/.test(message)) {
        throw new SyncBackendError('busy', `The browser's sync storage refused: too many writes (${message}). Keyfob will sync again later.`);
      }
      throw new SyncBackendError('quota', `The browser's sync storage is full (${message}). Sync through a WebDAV folder instead.`);
    }
    // Sync turned off, the extension reloaded…: nothing was lost, the next sync retries.
    throw new SyncBackendError('offline', `The browser's sync storage is not available: ${message}`);
  }
}

// An in-memory chrome.storage.sync that enforces Chrome's quotas and refuses with Chrome's own messages.
import type { SyncStorageArea } from '../../../../extension/background/sync/storage-sync-backend.ts';
import { STORAGE_SYNC_QUOTA, type StorageSyncQuota } from '../../../../extension/background/sync/storage-sync-layout.ts';

const encoder = new TextEncoder();

export class FakeSyncStorage implements SyncStorageArea {
  /** Item → its JSON text, as the browser keeps it (values come back as copies). */
  items = new Map<string, string>();
  /** Wall time in ms for the write-rate limits; tests move it. */
  now = 0;
  sets: string[][] = [];
  removes: string[][] = [];
  /** Runs just before a set is checked: another profile's write landing between our read and our write. */
  beforeSet: (() => void) | null = null;
  private writeTimes: number[] = [];

  constructor(readonly quota: StorageSyncQuota = STORAGE_SYNC_QUOTA) {}

  async get(keys: null): Promise<Record<string, unknown>> {
    void keys;
    return Object.fromEntries([...this.items].map(([k, v]) => [k, JSON.parse(v) as unknown]));
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.beforeSet?.();
    this.countWrite();
    const next = new Map(this.items);
    for (const [key, value] of Object.entries(items)) {
      const json = JSON.stringify(value);
      if (encoder.encode(key).length + encoder.encode(json).length > this.quota.QUOTA_BYTES_PER_ITEM) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      next.set(key, json);
    }
    if (bytesOf(next) > this.quota.QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
    if (next.size > this.quota.MAX_ITEMS) throw new Error('MAX_ITEMS quota exceeded');
    this.items = next;
    this.sets.push(Object.keys(items));
  }

  async remove(keys: string[]): Promise<void> {
    this.countWrite();
    for (const key of keys) this.items.delete(key);
    this.removes.push([...keys]);
  }

  bytesInUse(): number {
    return bytesOf(this.items);
  }

  /** What another profile holds once browser sync has carried everything over. */
  copyAllTo(other: FakeSyncStorage): void {
    other.items = new Map(this.items);
  }

  /** Browser sync carrying only some items, each one whole (last writer wins per item). */
  copyItemsTo(other: FakeSyncStorage, keys: string[]): void {
    for (const key of keys) {
      const value = this.items.get(key);
      if (value === undefined) other.items.delete(key);
      else other.items.set(key, value);
    }
  }

  // Chromium's quota service refuses before running the call, with "This request exceeds the <NAME> quota.".
  private countWrite(): void {
    const inLast = (ms: number) => this.writeTimes.filter((t) => t > this.now - ms).length;
    if (inLast(60_000) >= this.quota.MAX_WRITE_OPERATIONS_PER_MINUTE) throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    if (inLast(3_600_000) >= this.quota.MAX_WRITE_OPERATIONS_PER_HOUR) throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.');
    this.writeTimes.push(this.now);
  }
}

function bytesOf(items: Map<string, string>): number {
  let total = 0;
  for (const [k, v] of items) total += encoder.encode(k).length + encoder.encode(v).length;
  return total;
}

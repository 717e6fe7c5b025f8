// The whole synced vault as plain JSON (record id → record), its merge, and tombstone expiry kept apart from it.
//
// mergeStates is a pure join: the union of ids, with mergeRecords where both sides know an id. Dropping old
// tombstones (pruneTombstones) is NOT part of the merge, because a merge that forgets things stops being
// associative. The consequence: once a tombstone is pruned, a device that was offline longer than the TTL and
// still holds the account brings it back on its next sync. That is the safe direction: a deleted account comes
// back (one more delete), a live secret is never lost.
import type { Hlc } from './hlc.ts';
import { canonical, isRecordDeleted, mergeRecords, type SyncRecord } from './sync-record.ts';

/** Record id → record. Plain object so it survives JSON and structured clone as is. */
export type SyncState = Readonly<Record<string, SyncRecord>>;

export const DEFAULT_TOMBSTONE_TTL_MS = 90 * 24 * 60 * 60 * 1000;

export function mergeStates(a: SyncState, b: SyncState): SyncState {
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  // fromEntries defines own properties, so an id such as "__proto__" (valid, and chosen by whoever wrote the
  // backend's file names) stays a record instead of replacing the state's prototype.
  return Object.fromEntries(ids.map((id) => {
    const x = own(a, id);
    const y = own(b, id);
    return [id, x && y ? mergeRecords(x, y) : (x ?? y)!];
  }));
}

/** The state with a record added or replaced by its merge with what the state held. */
export function mergeRecordInto(state: SyncState, record: SyncRecord): SyncState {
  return mergeStates(state, { [record.id]: record });
}

/** Drops records deleted more than ttlMs before nowMs. Run it after syncing, never inside a merge. */
export function pruneTombstones(state: SyncState, nowMs: number, ttlMs: number = DEFAULT_TOMBSTONE_TTL_MS): SyncState {
  return Object.fromEntries(Object.entries(state).filter(([, record]) => {
    const deleted: Hlc | null = record.deleted;
    return !(deleted !== null && isRecordDeleted(record) && deleted.t < nowMs - ttlMs);
  }));
}

/** The ids whose record differs between two states (what one side must push to the other). */
export function changedIds(from: SyncState, to: SyncState): string[] {
  return Object.keys(to)
    .filter((id) => {
      const before = own(from, id);
      return !before || canonical(before) !== canonical(own(to, id));
    })
    .sort();
}

/** Orders records by their position, then id: how a merged vault lists its accounts on every device. */
export function compareByPosition(a: SyncRecord, b: SyncRecord): number {
  const p = a.fields.position.value - b.fields.position.value;
  if (p !== 0) return p;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function own(state: SyncState, id: string): SyncRecord | undefined {
  return Object.prototype.hasOwnProperty.call(state, id) ? state[id] : undefined;
}

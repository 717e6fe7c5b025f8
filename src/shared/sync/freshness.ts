// What the sealed manifest promises about the folder, and the checks that keep a hostile server from serving old data.
//
// Every writer of the manifest raises its epoch by one and lists, per record, a mark of the file it left there: the
// record's latest clock, how many recovery codes it holds used, and whether it is deleted. Each of these only grows
// under merging (sync-record.ts merges are joins), so a file whose mark is below what a manifest or this browser
// already saw can only be an older copy served again (rollback, or an update withheld: freeze). A manifest whose epoch
// is below the one this browser accepted, or that lacks this browser's own last entry, is an older or a different
// folder (rollback, or fork). Pure functions over plain data; the engine decides what to refuse and report.
import { compareHlc, type Hlc } from './hlc.ts';
import { canonical, isRecordDeleted, latestClockOf, type SyncRecord } from './sync-record.ts';
import { DEFAULT_TOMBSTONE_TTL_MS } from './vault-merge.ts';

export interface RecordMark {
  /** The record's latest clock, without its device: wall ms and counter. */
  t: number;
  c: number;
  /** Recovery codes marked used (a grow-only set, which stamps no clock). */
  used: number;
  deleted: boolean;
}

export type RecordMarks = Readonly<Record<string, RecordMark>>;

export function markOf(record: SyncRecord): RecordMark {
  const latest: Hlc = latestClockOf(record);
  return { t: latest.t, c: latest.c, used: record.usedCodes.length, deleted: isRecordDeleted(record) };
}

/** Whether a file's mark is below a mark already seen for it: an older copy of that record. */
export function isOlderMark(file: RecordMark, seen: RecordMark): boolean {
  const clock = compareHlc({ t: file.t, c: file.c, n: '' }, { t: seen.t, c: seen.c, n: '' });
  return clock < 0 || file.used < seen.used;
}

/** The later of two marks of one record (the later clock, the most used codes): a join, like mergeManifests. */
export function laterMark(a: RecordMark, b: RecordMark): RecordMark {
  const order = a.t !== b.t ? a.t - b.t : a.c - b.c;
  const later = order > 0 ? a : order < 0 ? b : a.deleted ? a : b;
  return { ...later, used: Math.max(a.used, b.used) };
}

export function mergeMarks(a: RecordMarks, b: RecordMarks): Record<string, RecordMark> {
  const out: Record<string, RecordMark> = {};
  for (const [id, m] of [...Object.entries(a), ...Object.entries(b)]) {
    const had = Object.prototype.hasOwnProperty.call(out, id) ? out[id] : undefined;
    out[id] = had ? laterMark(had, m) : m;
  }
  return out;
}

/** Whether the mark is of a tombstone past its keeping time: its file leaves the backend, so its mark leaves too. */
export function isExpiredMark(mark: RecordMark, nowMs: number, ttlMs: number = DEFAULT_TOMBSTONE_TTL_MS): boolean {
  return mark.deleted && nowMs - mark.t > ttlMs;
}

export function pruneMarks(marks: RecordMarks, nowMs: number, ttlMs: number = DEFAULT_TOMBSTONE_TTL_MS): Record<string, RecordMark> {
  return Object.fromEntries(Object.entries(marks).filter(([, m]) => !isExpiredMark(m, nowMs, ttlMs)));
}

/**
 * Whether a record's file left the backend because its tombstone expired: a manifest this browser accepted listed it,
 * and the one the server shows now (the same folder: judgeFolder said so) no longer does. Marks leave a manifest only
 * through pruneMarks, which drops tombstones past their keeping time; a server cannot remove one from a sealed file.
 * Undefined marks: a manifest written before marks existed, which proves nothing.
 */
export function wasPruned(id: string, accepted: RecordMarks | undefined, offered: RecordMarks | undefined): boolean {
  if (!accepted || !offered) return false;
  const has = (marks: RecordMarks) => Object.prototype.hasOwnProperty.call(marks, id);
  return has(accepted) && !has(offered);
}

/** What this browser last accepted of the folder: the manifest epoch, and its own entry's clock there. */
export interface AcceptedFolder {
  epoch: number;
  ownClock: Hlc | null;
}

/** What the manifest the server gives now says. `epoch` null: written before manifests carried one (accepted once). */
export interface OfferedFolder {
  epoch: number | null;
  ownClock: Hlc | null;
}

export type FolderVerdict = 'ok' | 'rollback' | 'fork';

/**
 * Whether to accept the folder the server shows. An epoch below the accepted one, or a manifest without an epoch after
 * one was accepted, is an older folder (rollback). The same or a later epoch that has lost this browser's own last
 * entry (only this browser writes it, and every writer keeps it) is a folder that never saw this browser's last
 * sync: a fork, or a rollback dressed up with a higher epoch.
 */
export function judgeFolder(accepted: AcceptedFolder | null, offered: OfferedFolder | null): FolderVerdict {
  if (!accepted || accepted.epoch === 0) return 'ok';
  if (!offered || offered.epoch === null || offered.epoch < accepted.epoch) return 'rollback';
  if (accepted.ownClock && (!offered.ownClock || compareHlc(offered.ownClock, accepted.ownClock) < 0)) return 'fork';
  return 'ok';
}

/**
 * A short digest of the vault's synced state (each record's mark), the same on every browser that has synced the same
 * edits: shown in Settings → Sync so two browsers can be compared by eye. Twelve hex digits in three groups.
 */
export async function stateDigest(marks: RecordMarks): Promise<string> {
  const entries = Object.entries(marks).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical(entries))));
  const hex = [...bytes.slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

// The same account added in two browsers (the same backup imported in both, say) arrives as two records with
// different ids: this finds such twins and folds one into the other, so the vault shows it once.
//
// Only twins that met in this sync fold: one that came from the backend for the first time, and one this browser
// already had or made. Two copies that were already together (the user kept the same account twice on purpose) are
// left alone. Which one is kept is the same on every browser (the one already on the backend, then the earliest
// created, then the lowest id), so two browsers folding the same pair at once keep the same record.
import { editRecord, accountOfRecord, canonical, deleteRecord, type SyncRecord } from './sync-record.ts';
import type { Hlc } from './hlc.ts';

export interface TwinCandidate {
  record: SyncRecord;
  /** Read from the backend for the first time in this sync (not something this browser had before). */
  arrived: boolean;
  /** Its file is on the backend (read, or written before). */
  onBackend: boolean;
}

export interface TwinFold {
  keep: string;
  drop: string[];
}

/** Live records with the same OTP parameters (secret included) where at least one arrived and one did not. */
export function findTwins(candidates: readonly TwinCandidate[]): TwinFold[] {
  const groups = new Map<string, TwinCandidate[]>();
  for (const c of candidates) {
    if (!accountOfRecord(c.record)) continue;
    const key = canonical(c.record.fields.otp.value);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const folds: TwinFold[] = [];
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((c) => c.arrived) || group.every((c) => c.arrived)) continue;
    const [keep, ...drop] = [...group].sort(keptFirst);
    folds.push({ keep: keep!.record.id, drop: drop.map((c) => c.record.id) });
  }
  return folds;
}

function keptFirst(a: TwinCandidate, b: TwinCandidate): number {
  if (a.onBackend !== b.onBackend) return a.onBackend ? -1 : 1;
  const created = a.record.fields.createdAt.value - b.record.fields.createdAt.value;
  if (created !== 0) return created;
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}

/**
 * The kept record takes what the dropped one had that it lacks (its sites; its notes and recovery codes when it has
 * none); the dropped one is deleted. `clock` stamps both edits: pass a fresh one (tickHlc).
 */
export function foldTwin(kept: SyncRecord, dropped: SyncRecord, clock: () => Hlc): { kept: SyncRecord; dropped: SyncRecord } {
  const theirs = accountOfRecord(kept);
  const mine = accountOfRecord(dropped);
  if (!theirs || !mine) return { kept, dropped };
  const merged = editRecord(kept, {
    origins: [...new Set([...theirs.origins, ...mine.origins])],
    notes: theirs.notes || mine.notes,
    recoveryCodes: theirs.recoveryCodes.length > 0 ? theirs.recoveryCodes : mine.recoveryCodes,
  }, clock());
  return { kept: merged, dropped: deleteRecord(dropped, clock()) };
}

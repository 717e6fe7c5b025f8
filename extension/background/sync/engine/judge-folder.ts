// Step 2a of a sync: the manifest first. An older folder than the one this browser accepted, or another copy of it
// (a fork), is refused whole before anything is merged; the marks it holds become the floor each record file must reach.
import { judgeFolder, laterMark, mergeMarks, type RecordMark } from '../../../../src/shared/sync/freshness.ts';
import { openManifest, type SyncManifest } from '../../../../src/shared/sync/sync-seal.ts';
import type { RemoteBlob } from '../backend.ts';
import { MANIFEST_FILE } from './record-files.ts';
import { FolderRefusedError } from './sync-errors.ts';
import type { SyncRun } from './sync-run.ts';

export interface ManifestRead {
  /** The manifest file as the backend gave it; undefined when the folder has none. */
  blob: RemoteBlob | undefined;
  /** Its content when it opens under our key; null when absent or damaged. */
  offered: SyncManifest | null;
}

export async function openManifestOrNull(key: CryptoKey, text: string, now: number): Promise<SyncManifest | null> {
  try {
    return await openManifest(key, text, now);
  } catch {
    return null;
  }
}

/** Throws FolderRefusedError when the manifest `m` (null: none) is older than the accepted one, or lacks this browser. */
export function refuseOlderFolder(run: SyncRun, m: SyncManifest | null): void {
  if (!run.guarded) return;
  const { accepted } = run;
  const device = run.ctx.device.id;
  const verdict = judgeFolder(
    accepted && { epoch: accepted.manifest.epoch ?? 0, ownClock: accepted.manifest.devices[device]?.clock ?? null },
    m && { epoch: m.epoch ?? null, ownClock: Object.prototype.hasOwnProperty.call(m.devices, device) ? m.devices[device]!.clock : null },
  );
  if (verdict !== 'ok') throw new FolderRefusedError(verdict);
}

export async function judgeManifest(run: SyncRun, listing: ReadonlyMap<string, string>): Promise<ManifestRead> {
  const { ctx, report } = run;
  let offered: SyncManifest | null = null;
  const [blob] = listing.has(MANIFEST_FILE) ? await ctx.backend.read([MANIFEST_FILE]) : [];
  if (blob) {
    run.manifest = { text: blob.data, etag: blob.etag };
    offered = await openManifestOrNull(ctx.key, blob.data, ctx.now());
    // A damaged manifest only lists devices and marks: report it and write a good one over it.
    if (!offered) report.refused.push(MANIFEST_FILE);
  }
  // A manifest that does not open is not judged: it is reported and written over, and the floors this browser
  // accepted before still hold every record to what it saw (a server cannot roll records back by damaging it).
  if (!blob || offered) refuseOlderFolder(run, offered);
  run.floors = mergeMarks(run.accepted?.manifest.records ?? {}, offered?.records ?? {});
  return { blob, offered };
}

/** The mark record `id`'s file must reach: the floor, or a later copy this browser saw; null when rollbacks are not judged. */
export function floorOf(run: SyncRun, id: string): RecordMark | null {
  if (!run.guarded) return null;
  const had = Object.prototype.hasOwnProperty.call(run.floors, id) ? run.floors[id]! : null;
  const seen = run.local.get(id)?.seen ?? null;
  return had && seen ? laterMark(had, seen) : had ?? seen;
}

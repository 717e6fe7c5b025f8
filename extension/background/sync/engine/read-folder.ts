// Step 2 of a sync: read the folder. The manifest is judged first (judge-folder.ts), then every record file whose
// version changed since this browser last saw it is pulled in; what the folder lacks is then told apart: a key
// rotated elsewhere, a new file held back (a freeze), a file removed (an expired tombstone, or a folder emptied).
import { isExpiredMark, isOlderMark, markOf, wasPruned } from '../../../../src/shared/sync/freshness.ts';
import { accountOfRecord, deleteRecord } from '../../../../src/shared/sync/sync-record.ts';
import type { SyncManifest } from '../../../../src/shared/sync/sync-seal.ts';
import { KEY_BUNDLE_FILE } from '../key-bundle.ts';
import { judgeManifest, type ManifestRead } from './judge-folder.ts';
import { changeRecord, noteRemoved } from './local-record.ts';
import { pullFiles } from './pull-files.ts';
import { idOfFile, MANIFEST_FILE, recordFileName } from './record-files.ts';
import { KeyRotatedError, NoKeyFileError } from './sync-errors.ts';
import type { SyncRun } from './sync-run.ts';

/** File name → version, as the backend listed them at the start of this sync. */
type Listing = ReadonlyMap<string, string>;

export async function readFolder(run: SyncRun): Promise<ManifestRead> {
  const { ctx, local, report } = run;
  const listing: Listing = new Map((await ctx.backend.list()).map((f) => [f.name, f.etag]));
  if (!listing.has(KEY_BUNDLE_FILE)) throw new NoKeyFileError();
  const manifest = await judgeManifest(run, listing);

  for (const id of run.cover.keys()) if (!listing.has(recordFileName(id))) run.cover.delete(id);
  const toRead = [...listing].filter(([name, etag]) => {
    const id = idOfFile(name);
    return id !== null && local.get(id)?.etag !== etag && run.cover.get(id) !== etag;
  });
  await pullFiles(run, await ctx.backend.read(toRead.map(([name]) => name)));
  if (run.accepted && manifest.blob && !manifest.offered && toRead.length > 0 && report.pulled === 0 && report.stale.length === 0
    && report.refused.length === toRead.length + 1) {
    // Neither the manifest nor any changed record opens, in a folder this browser synced with: the files were all
    // sealed again under a new key (Rotate sync key elsewhere). Nothing is written over them.
    throw new KeyRotatedError();
  }
  noteWithheld(run, listing, manifest);
  noteRemovedFiles(run, listing, manifest.offered);
  for (const id of run.gone) local.delete(id);
  return manifest;
}

/**
 * A record the manifest says changed that this browser still lacks: the server holds its new file back (a freeze).
 * Only when the manifest is the one the listing showed: otherwise another browser wrote in between (not an attack).
 */
function noteWithheld(run: SyncRun, listing: Listing, { blob, offered }: ManifestRead): void {
  if (!run.guarded || !offered?.records || blob?.etag !== listing.get(MANIFEST_FILE)) return;
  const { report } = run;
  for (const [id, mark] of Object.entries(offered.records)) {
    const l = run.local.get(id);
    if (isExpiredMark(mark, run.ctx.now()) || report.stale.includes(id) || report.refused.includes(recordFileName(id))) continue;
    if (!l || !listing.has(recordFileName(id)) || isOlderMark(markOf(l.record), mark)) report.withheld.push(id);
  }
}

/** Records whose file this browser saw on the backend but the listing no longer holds. */
function noteRemovedFiles(run: SyncRun, listing: Listing, offered: SyncManifest | null): void {
  for (const [id, l] of run.local) {
    if (l.etag === null || listing.has(recordFileName(id))) continue;
    // Removed from the backend: a tombstone another browser expired, or a folder emptied by hand.
    if (accountOfRecord(l.record) === null) run.gone.push(id);
    else if (run.guarded && l.synced && wasPruned(id, run.accepted?.manifest.records, offered?.records)) {
      // Deleted elsewhere so long ago that its tombstone expired (its mark left a manifest this browser had seen
      // it in): bringing it back would undo that delete. Removed here too, and reported. An account edited here
      // since its last sync is not `synced`, and goes back to the backend: the user touched it.
      changeRecord(l, deleteRecord(l.record, run.clock.tick()));
      noteRemoved(l);
      run.report.dropped.push(id);
    } else noteRemoved(l);
  }
}

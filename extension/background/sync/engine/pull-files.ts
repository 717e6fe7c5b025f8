// Step 2b of a sync: what changed on the backend, merged in (src/shared/sync: a join, so every order of syncs ends in
// the same vault). Also where conflicting pushes come back. A file that fails to open is refused and reported, the
// others go on; an older copy than one already seen is never merged.
import { isOlderMark, markOf } from '../../../../src/shared/sync/freshness.ts';
import { canonical, latestClockOf, mergeRecords, type SyncRecord } from '../../../../src/shared/sync/sync-record.ts';
import { isCoverFile, openSyncRecord } from '../../../../src/shared/sync/sync-seal.ts';
import type { RemoteBlob } from '../backend.ts';
import { floorOf } from './judge-folder.ts';
import { writeOver } from './local-record.ts';
import { idOfFile, MANIFEST_FILE } from './record-files.ts';
import { OtherVaultError } from './sync-errors.ts';
import type { SyncRun } from './sync-run.ts';

export async function pullFiles(run: SyncRun, blobs: readonly RemoteBlob[]): Promise<void> {
  const { ctx, local, report } = run;
  let opened = 0;
  const damaged: RemoteBlob[] = [];
  for (const blob of blobs) {
    if (blob.name === MANIFEST_FILE) {
      run.manifest = { text: blob.data, etag: blob.etag };
      continue;
    }
    const id = idOfFile(blob.name);
    if (id === null) continue;
    let remote: SyncRecord;
    try {
      remote = await openSyncRecord(ctx.key, id, blob.data, ctx.now());
    } catch {
      if (await isCoverFile(ctx.key, id, blob.data)) {
        run.cover.set(id, blob.etag);
        opened += 1;
        continue;
      }
      report.refused.push(blob.name);
      damaged.push(blob);
      continue;
    }
    opened += 1;
    const floor = floorOf(run, id);
    const l = local.get(id);
    if (!l) run.arrived.add(id);
    if (floor && isOlderMark(markOf(remote), floor)) {
      // An older copy than one already seen: never merged. A browser holding at least the copy it should be writes
      // it back over the old one (on the old one's version); one that does not waits and reports.
      if (!report.stale.includes(id)) report.stale.push(id);
      if (l && !isOlderMark(markOf(l.record), floor)) writeOver(l, blob.etag);
      continue;
    }
    report.pulled += 1;
    run.clock.receive(latestClockOf(remote));
    const merged = l ? mergeRecords(l.record, remote) : remote;
    // Merged: the result is neither side's version, so each brought an edit the other lacked.
    if (l && canonical(merged) !== canonical(remote) && canonical(merged) !== canonical(l.record)) report.merged += 1;
    const synced = canonical(merged) === canonical(remote);
    local.set(id, { record: merged, etag: blob.etag, synced, data: synced ? blob.data : null, dirty: true, seen: markOf(remote) });
  }
  if (opened === 0 && damaged.length > 0 && damaged.length === blobs.filter((b) => idOfFile(b.name) !== null).length
    && !manifestOpened(run) && [...local.values()].every((l) => l.etag === null)) {
    // Nothing on the backend opens with our key and we never synced with it: it is someone else's vault. Its
    // manifest, refused too (judge-folder.ts), is not a record file: counted apart, it must not hide the rest.
    throw new OtherVaultError();
  }
  for (const blob of damaged) {
    // Nobody with the key can read a damaged file, so nothing readable is lost by writing the good copy over it,
    // on the damaged file's version (a repair made meanwhile by another browser wins).
    const l = local.get(idOfFile(blob.name)!);
    if (l) writeOver(l, blob.etag);
  }
}

/** The folder's manifest opened under our key: the folder is ours, whatever else fails to open. */
function manifestOpened(run: SyncRun): boolean {
  return run.manifest !== null && !run.report.refused.includes(MANIFEST_FILE);
}

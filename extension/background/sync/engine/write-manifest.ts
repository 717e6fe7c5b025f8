// Step 5 of a sync: this browser in the manifest (which browsers sync, and when each last did), the epoch one up,
// each record's mark. Written on the version read; if another browser wrote it meanwhile, its manifest is read,
// judged like the first one, and merged once more.
import { pruneMarks, type RecordMark } from '../../../../src/shared/sync/freshness.ts';
import { mergeManifests, sealManifest, type SyncManifest } from '../../../../src/shared/sync/sync-seal.ts';
import { openManifestOrNull, refuseOlderFolder } from './judge-folder.ts';
import { MANIFEST_FILE } from './record-files.ts';
import type { Accepted, SyncRun } from './sync-run.ts';

/** Writes the manifest; returns the one this browser now accepts (its own, or the newer one that beat it). */
export async function writeManifest(run: SyncRun, offered: SyncManifest | null): Promise<Accepted | null> {
  const { ctx, report, accepted } = run;
  const marks: Record<string, RecordMark> = {};
  for (const [id, l] of run.local) if (l.seen && l.etag !== null) marks[id] = l.seen;
  const own: SyncManifest = { format: 1, epoch: 0, records: marks, devices: { [ctx.device.id]: { name: ctx.device.name, lastSyncAt: ctx.now(), clock: run.clock.tick() } } };
  // A damaged manifest is rebuilt on the last one this browser accepted, not on nothing: the other browsers' entries
  // it held stay, so a browser whose last sync it saw does not take the repair for a fork.
  const base = (): SyncManifest => accepted?.manifest ?? { format: 1, devices: {} };
  let remote: SyncManifest = offered ?? base();
  let keep: Accepted | null = offered && run.manifest ? { manifest: offered, text: run.manifest.text, etag: run.manifest.etag } : accepted;
  for (let round = 0; round < 2; round++) {
    const merged = mergeManifests(remote, own);
    merged.epoch = Math.max(remote.epoch ?? 0, accepted?.manifest.epoch ?? 0) + 1;
    merged.records = pruneMarks(merged.records ?? {}, ctx.now());
    const text = await sealManifest(ctx.key, merged);
    const [outcome] = await ctx.backend.write([{ name: MANIFEST_FILE, data: text, ifMatch: run.manifest?.etag ?? null }]);
    if (outcome?.ok) {
      report.manifest = merged;
      keep = { manifest: merged, text, etag: outcome.etag };
      break;
    }
    const [fresh] = await ctx.backend.read([MANIFEST_FILE]);
    run.manifest = fresh ? { text: fresh.data, etag: fresh.etag } : null;
    const reread = fresh ? await openManifestOrNull(ctx.key, fresh.data, ctx.now()) : null;
    if (fresh && !reread) report.refused.push(MANIFEST_FILE);
    if (!fresh || reread) refuseOlderFolder(run, reread);
    remote = reread ?? base();
    report.manifest = mergeManifests(remote, own);
    if (fresh && reread) keep = { manifest: reread, text: fresh.data, etag: fresh.etag };
  }
  return keep;
}

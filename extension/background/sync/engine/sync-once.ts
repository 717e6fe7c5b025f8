// One sync, step by step: stamp what changed here since the last one, read the folder (the manifest judged first,
// then what changed there merged in), write the merged accounts into the rows and push what the backend lacks until
// no write conflicts, pad with cover files, and note this browser in the sealed manifest. The backend only ever sees
// sealed, padded files; a file that fails to open is refused and reported, the others go on.
import { stateDigest } from '../../../../src/shared/sync/freshness.ts';
import { foldArrivedTwins } from './fold-twins.ts';
import { loadLocal, saveLocal } from './local-rows.ts';
import { mergeRounds } from './merge-rounds.ts';
import { readFolder } from './read-folder.ts';
import { startClock } from './run-clock.ts';
import { stampLocalEdits } from './stamp-local-edits.ts';
import { emptyReport, type SyncContext, type SyncReport, type SyncRun } from './sync-run.ts';
import { writeCover } from './write-cover.ts';
import { writeManifest } from './write-manifest.ts';

export { MANIFEST_FILE, recordFileName } from './record-files.ts';
export { FolderRefusedError, KeyRotatedError, NoKeyFileError, OtherVaultError } from './sync-errors.ts';
export type { SyncContext, SyncReport } from './sync-run.ts';

export async function syncOnce(ctx: SyncContext): Promise<SyncReport> {
  const { local, accepted, cover } = await loadLocal(ctx.vault, ctx.key, ctx.now());
  const run: SyncRun = {
    ctx, local, accepted, cover, coverBefore: new Set(cover.keys()), clock: startClock(local, ctx.now, ctx.device.id),
    report: emptyReport(), gone: [], arrived: new Set(), manifest: null, guarded: ctx.backend.kind === 'webdav', floors: {},
  };
  const rows = await stampLocalEdits(run);
  const { offered } = await readFolder(run);
  foldArrivedTwins(run);
  await mergeRounds(run, rows);
  if (ctx.backend.kind === 'webdav') await writeCover(run, run.report.pushed > 0);
  const keep = await writeManifest(run, offered);
  run.report.epoch = keep?.manifest.epoch ?? 0;
  run.report.digest = await stateDigest(keep?.manifest.records ?? {});
  await saveLocal(run, keep);
  return run.report;
}

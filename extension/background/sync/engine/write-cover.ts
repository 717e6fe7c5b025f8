// Cover files (cover.ts): pads the folder's record files up to coverTarget, removes a step too many, and rewrites a few
// beside a sync that wrote real records, so the folder shows neither how many accounts there are nor which changed.
// WebDAV only: the browser's sync storage has no room to spare (44 accounts).
import { COVER_REWRITES, coverChange } from '../../../../src/shared/sync/cover.ts';
import { sealCoverFile } from '../../../../src/shared/sync/sync-seal.ts';
import type { FileWrite } from '../backend.ts';
import { idOfFile, recordFileName } from './record-files.ts';
import type { SyncRun } from './sync-run.ts';

/** A conflict only means another browser touched that cover file: it is read again next time. */
export async function writeCover(run: SyncRun, wroteRecords: boolean): Promise<void> {
  const { ctx, cover } = run;
  const records = [...run.local.values()].filter((l) => l.etag !== null).length;
  const { add, remove } = coverChange(records, cover.size);
  const existing = [...cover];
  const removed = existing.slice(0, remove);
  const kept = existing.slice(remove);
  const rewritten = wroteRecords ? pickSome(kept, COVER_REWRITES) : [];
  const added = Array.from({ length: add }, () => crypto.randomUUID());
  const writes: FileWrite[] = [
    ...removed.map(([id, etag]) => ({ name: recordFileName(id), data: null, ifMatch: etag })),
    ...await Promise.all(rewritten.map(async ([id, etag]) => ({ name: recordFileName(id), data: await sealCoverFile(ctx.key, id), ifMatch: etag }))),
    ...await Promise.all(added.map(async (id) => ({ name: recordFileName(id), data: await sealCoverFile(ctx.key, id), ifMatch: null }))),
  ];
  if (writes.length === 0) return;
  for (const outcome of await ctx.backend.write(writes)) {
    const id = idOfFile(outcome.name)!;
    if (outcome.ok && outcome.etag !== null) cover.set(id, outcome.etag);
    else cover.delete(id);
  }
}

/** `count` entries chosen at random (crypto): which cover files change beside an edit must not be guessable. */
function pickSome<T>(items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const [i] = crypto.getRandomValues(new Uint32Array(1));
    out.push(pool.splice(i! % pool.length, 1)[0]!);
  }
  return out;
}

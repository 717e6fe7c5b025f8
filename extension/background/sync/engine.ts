// One sync: stamp what changed here since the last one, read what changed on the backend, merge (src/shared/sync:
// a join, so every order of syncs ends in the same vault), write the merged accounts into the rows, push what the
// backend lacks with conditional writes, and note this browser in the sealed manifest. The backend only ever sees
// sealed, padded files; a file that fails to open is refused and reported, the others go on.
import {
  accountOfRecord, canonical, deleteRecord, editRecord, isRecordDeleted, latestClockOf, mergeRecords, recordFromAccount,
  type SyncRecord,
} from '../../../src/shared/sync/sync-record.ts';
import { maxHlc, receiveHlc, tickHlc, type Hlc } from '../../../src/shared/sync/hlc.ts';
import {
  isCoverFile, mergeManifests, openManifest, openSyncRecord, sealCoverFile, sealManifest, sealSyncRecord, type SyncManifest,
} from '../../../src/shared/sync/sync-seal.ts';
import { COVER_REWRITES, coverChange } from '../../../src/shared/sync/cover.ts';
import {
  isExpiredMark, isOlderMark, judgeFolder, laterMark, markOf, mergeMarks, pruneMarks, stateDigest, wasPruned, type FolderVerdict, type RecordMark,
} from '../../../src/shared/sync/freshness.ts';
import { DEFAULT_TOMBSTONE_TTL_MS } from '../../../src/shared/sync/vault-merge.ts';
import { findTwins, foldTwin } from '../../../src/shared/sync/twins.ts';
import { listAccounts } from '../vault/accounts.ts';
import type { SyncRow } from '../vault/db.ts';
import { applySyncedChanges, type SyncedChange } from '../vault/sync-apply.ts';
import type { FileWrite, RemoteBlob, SyncBackend } from './backend.ts';
import { KEY_BUNDLE_FILE } from './key-bundle.ts';
import { sameAccount, toStored, toSynced } from './synced-account.ts';
import { commitSyncRows, readSyncRows } from './local-sync-state.ts';

export const MANIFEST_FILE = 'manifest';
/** The sync store's row holding the manifest this browser last accepted (sealed, as on the backend): its epoch floor. */
const ACCEPTED_ROW = 'manifest';
/** The sync store's rows naming this vault's cover files (cover.ts) and their versions; the name after it is the id. */
const COVER_ROW_PREFIX = 'c-';
const RECORD_PREFIX = 'r-';
/** Conflicting writes are read, merged and written again this many times before the sync gives up until next time. */
const MAX_ROUNDS = 4;

export interface SyncContext {
  backend: SyncBackend;
  key: CryptoKey;
  device: { id: string; name: string };
  now: () => number;
  /** When each account was last changed here (sync-config.ts noteEdits): its edit is stamped with that time. */
  editTimes?: ReadonlyMap<string, number>;
  /**
   * The first sync after joining with a vault of this browser's own. Twins (the same OTP parameters, secret included)
   * now fold in every sync where they meet (twins.ts), so this only tells the caller's bookkeeping; kept for it.
   */
  joining?: boolean;
  /** Runs the write of merged rows (the scheduler uses it so that write does not count as a local change). */
  applying?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface SyncReport {
  pulled: number;
  pushed: number;
  /** Records changed both here and on the backend since the last sync, merged field by field. */
  merged: number;
  /** Backend files that failed to open (tampered, swapped, of another vault): left alone and reported. */
  refused: string[];
  /** Rows the user changed while this sync ran: left for the next one. */
  skipped: number;
  /** Records whose file was older than a copy already seen (a rollback): refused, not merged. */
  stale: string[];
  /** Records the manifest says changed whose new file the server did not give (a freeze): reported. */
  withheld: string[];
  /** Accounts removed here because another browser deleted them so long ago that their tombstone expired. */
  dropped: string[];
  manifest: SyncManifest;
  /** The epoch of the manifest this sync left, and a short digest of the synced state (freshness.ts stateDigest). */
  epoch: number;
  digest: string;
}

/** The server showed an older folder than this browser accepted, or one without this browser's last sync: nothing is merged. */
export class FolderRefusedError extends Error {
  constructor(readonly verdict: Exclude<FolderVerdict, 'ok'>) {
    super(verdict === 'rollback'
      ? 'The sync folder is older than the one this browser last saw; nothing was changed.'
      : 'The sync folder does not hold this browser\'s last sync (another copy of it); nothing was changed.');
    this.name = 'FolderRefusedError';
  }
}

/** The backend holds files sealed under another key: another vault's folder, not ours to overwrite. */
export class OtherVaultError extends Error {
  constructor() {
    super('The sync folder holds another vault; choose another folder or join that vault.');
    this.name = 'OtherVaultError';
  }
}

/** Every file opens under another key than this browser's: another browser rotated the sync key (join again). */
export class KeyRotatedError extends Error {
  constructor() {
    super('The sync key was replaced in another browser: turn sync off here and join again with the new recovery kit.');
    this.name = 'KeyRotatedError';
  }
}

export class NoKeyFileError extends Error {
  constructor() {
    super('The sync folder has no key file (it was emptied); turn sync off and on again here.');
    this.name = 'NoKeyFileError';
  }
}

interface Local {
  record: SyncRecord;
  /** The backend file's version when last read or written; null when it was never there. */
  etag: string | null;
  /** The backend's file at `etag` holds exactly `record`. */
  synced: boolean;
  /** The sealed text of `record`, when known (read from the backend or sealed for it). */
  data: string | null;
  dirty: boolean;
  /** The mark of the backend's file at `etag` when known: a file read later must not be below it. */
  seen: RecordMark | null;
}

interface Accepted {
  manifest: SyncManifest;
  text: string;
  etag: string | null;
}

export const recordFileName = (id: string): string => `${RECORD_PREFIX}${id}`;
const idOfFile = (name: string): string | null => (name.startsWith(RECORD_PREFIX) ? name.slice(RECORD_PREFIX.length) : null);


export async function syncOnce(ctx: SyncContext): Promise<SyncReport> {
  const { backend, key, device } = ctx;
  const applying = ctx.applying ?? (<T>(work: () => Promise<T>) => work());
  const { local, accepted, cover } = await loadLocal(key, ctx.now());
  const coverBefore = new Set(cover.keys());
  let last: Hlc | null = null;
  // The highest clock already stamped or merged here, not now: a local edit is stamped with the time it was made.
  for (const l of local.values()) last = last ? maxHlc(last, latestClockOf(l.record)) : latestClockOf(l.record);
  const tick = (at: number = ctx.now()): Hlc => (last = tickHlc(last, Math.min(at, ctx.now()), device.id));
  const editedAt = (id: string): number => ctx.editTimes?.get(id) ?? ctx.now();

  // 1. What changed here: compare the rows with what the last sync left.
  const { accounts, corrupt } = await listAccounts();
  const snapshot = new Map(accounts.map((a) => [a.id, toSynced(a)]));
  const unreadable = new Set(corrupt.map((c) => c.id));
  for (const [id, synced] of snapshot) {
    const l = local.get(id);
    if (!l) local.set(id, { record: recordFromAccount(id, synced, tick(editedAt(id))), etag: null, synced: false, data: null, dirty: true, seen: null });
    else if (!sameAccount(accountOfRecord(l.record), synced)) {
      const record = editRecord(l.record, synced, tick(editedAt(id)));
      if (canonical(record) !== canonical(l.record)) Object.assign(l, { record, synced: false, data: null, dirty: true });
    }
  }
  for (const [id, l] of local) {
    // A row that does not open is not a deletion: the user sees it and decides.
    if (!snapshot.has(id) && !unreadable.has(id) && accountOfRecord(l.record) !== null) {
      Object.assign(l, { record: deleteRecord(l.record, tick(editedAt(id))), synced: false, data: null, dirty: true });
    }
  }

  const report: SyncReport = {
    pulled: 0, pushed: 0, merged: 0, refused: [], skipped: 0, stale: [], withheld: [], dropped: [], manifest: { format: 1, devices: {} }, epoch: 0, digest: '',
  };
  const gone: string[] = [];
  /** Records read from the backend for the first time in this sync: twins meet here (foldArrivedTwins). */
  const arrived = new Set<string>();
  let manifest: { text: string; etag: string } | null = null;

  // 2a. The manifest first: an older folder than the one accepted here, or another copy of it, is refused whole.
  const listing = new Map((await backend.list()).map((f) => [f.name, f.etag]));
  if (!listing.has(KEY_BUNDLE_FILE)) throw new NoKeyFileError();
  let offered: SyncManifest | null = null;
  const [manifestBlob] = listing.has(MANIFEST_FILE) ? await backend.read([MANIFEST_FILE]) : [];
  if (manifestBlob) {
    manifest = { text: manifestBlob.data, etag: manifestBlob.etag };
    offered = await openManifestOrNull(key, manifestBlob.data, ctx.now());
    // A damaged manifest only lists devices and marks: report it and write a good one over it.
    if (!offered) report.refused.push(MANIFEST_FILE);
  }
  // Only where writes are really conditional (WebDAV): the browser's sync storage is last writer wins per item
  // between browsers, so an honest manifest or record write can be lost there and would look like a rollback.
  const guarded = backend.kind === 'webdav';
  const check = (m: SyncManifest | null): void => {
    if (!guarded) return;
    const verdict = judgeFolder(
      accepted && { epoch: accepted.manifest.epoch ?? 0, ownClock: accepted.manifest.devices[device.id]?.clock ?? null },
      m && { epoch: m.epoch ?? null, ownClock: Object.prototype.hasOwnProperty.call(m.devices, device.id) ? m.devices[device.id]!.clock : null },
    );
    if (verdict !== 'ok') throw new FolderRefusedError(verdict);
  };
  // A manifest that does not open is not judged: it is reported and written over, and the floors this browser
  // accepted before still hold every record to what it saw (a server cannot roll records back by damaging it).
  if (!manifestBlob || offered) check(offered);
  // The floor each record's file must reach: what this browser accepted before, and what the manifest now promises.
  const floors = mergeMarks(accepted?.manifest.records ?? {}, offered?.records ?? {});
  const floorOf = (id: string): RecordMark | null => {
    if (!guarded) return null;
    const had = Object.prototype.hasOwnProperty.call(floors, id) ? floors[id]! : null;
    const seen = local.get(id)?.seen ?? null;
    return had && seen ? laterMark(had, seen) : had ?? seen;
  };

  // 2. What changed on the backend, merged in; conflicting pushes come back here.
  const pull = async (blobs: RemoteBlob[]): Promise<void> => {
    let opened = 0;
    const damaged: RemoteBlob[] = [];
    for (const blob of blobs) {
      if (blob.name === MANIFEST_FILE) {
        manifest = { text: blob.data, etag: blob.etag };
        continue;
      }
      const id = idOfFile(blob.name);
      if (id === null) continue;
      let remote: SyncRecord;
      try {
        remote = await openSyncRecord(key, id, blob.data, ctx.now());
      } catch {
        if (await isCoverFile(key, id, blob.data)) {
          cover.set(id, blob.etag);
          opened += 1;
          continue;
        }
        report.refused.push(blob.name);
        damaged.push(blob);
        continue;
      }
      opened += 1;
      const floor = floorOf(id);
      const l = local.get(id);
      if (!l) arrived.add(id);
      if (floor && isOlderMark(markOf(remote), floor)) {
        // An older copy than one already seen: never merged. A browser holding at least the copy it should be writes
        // it back over the old one (on the old one's version); one that does not waits and reports.
        if (!report.stale.includes(id)) report.stale.push(id);
        if (l && !isOlderMark(markOf(l.record), floor)) Object.assign(l, { etag: blob.etag, synced: false, data: null, dirty: true });
        continue;
      }
      report.pulled += 1;
      last = receiveHlc(last, latestClockOf(remote), ctx.now(), device.id);
      const merged = l ? mergeRecords(l.record, remote) : remote;
      // Merged: the result is neither side's version, so each brought an edit the other lacked.
      if (l && canonical(merged) !== canonical(remote) && canonical(merged) !== canonical(l.record)) report.merged += 1;
      const synced = canonical(merged) === canonical(remote);
      local.set(id, { record: merged, etag: blob.etag, synced, data: synced ? blob.data : null, dirty: true, seen: markOf(remote) });
    }
    if (opened === 0 && report.refused.length > 0 && report.refused.length === blobs.filter((b) => idOfFile(b.name) !== null).length
      && [...local.values()].every((l) => l.etag === null)) {
      // Nothing on the backend opens with our key and we never synced with it: it is someone else's vault.
      throw new OtherVaultError();
    }
    for (const blob of damaged) {
      // Nobody with the key can read a damaged file, so nothing readable is lost by writing the good copy over it,
      // on the damaged file's version (a repair made meanwhile by another browser wins).
      const l = local.get(idOfFile(blob.name)!);
      if (l) Object.assign(l, { etag: blob.etag, synced: false, data: null, dirty: true });
    }
  };

  for (const id of cover.keys()) if (!listing.has(recordFileName(id))) cover.delete(id);
  const toRead = [...listing].filter(([name, etag]) => {
    const id = idOfFile(name);
    return id !== null && local.get(id)?.etag !== etag && cover.get(id) !== etag;
  });
  await pull(await backend.read(toRead.map(([name]) => name)));
  if (accepted && manifestBlob && !offered && toRead.length > 0 && report.pulled === 0 && report.stale.length === 0
    && report.refused.length === toRead.length + 1) {
    // Neither the manifest nor any changed record opens, in a folder this browser synced with: the files were all
    // sealed again under a new key (Rotate sync key elsewhere). Nothing is written over them.
    throw new KeyRotatedError();
  }
  // A record the manifest says changed that this browser still lacks: the server holds its new file back (a freeze).
  // Only when the manifest is the one the listing showed: otherwise another browser wrote in between (not an attack).
  if (guarded && offered?.records && manifestBlob?.etag === listing.get(MANIFEST_FILE)) {
    for (const [id, mark] of Object.entries(offered.records)) {
      const l = local.get(id);
      if (isExpiredMark(mark, ctx.now()) || report.stale.includes(id) || report.refused.includes(recordFileName(id))) continue;
      if (!l || !listing.has(recordFileName(id)) || isOlderMark(markOf(l.record), mark)) report.withheld.push(id);
    }
  }
  for (const [id, l] of local) {
    if (l.etag !== null && !listing.has(recordFileName(id))) {
      // Removed from the backend: a tombstone another browser expired, or a folder emptied by hand.
      if (accountOfRecord(l.record) === null) gone.push(id);
      else if (guarded && l.synced && wasPruned(id, accepted?.manifest.records, offered?.records)) {
        // Deleted elsewhere so long ago that its tombstone expired (its mark left a manifest this browser had seen
        // it in): bringing it back would undo that delete. Removed here too, and reported. An account edited here
        // since its last sync is not `synced`, and goes back to the backend: the user touched it.
        Object.assign(l, { record: deleteRecord(l.record, tick()), etag: null, synced: false, data: null, dirty: true, seen: null });
        report.dropped.push(id);
      } else Object.assign(l, { etag: null, synced: false, dirty: true, seen: null });
    }
  }
  for (const id of gone) local.delete(id);
  foldArrivedTwins(local, arrived, tick);

  // 3. The merged accounts into the rows, then 4. what the backend lacks out to it, until no write conflicts.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const changes: SyncedChange[] = [];
    for (const [id, l] of local) {
      const next = accountOfRecord(l.record);
      const before = snapshot.get(id) ?? null;
      if (unreadable.has(id) && next === null) continue;
      if (!sameAccount(next, before)) changes.push({ id, expected: before && toStored(before), next: next && toStored(next) });
    }
    const applied = await applying(() => applySyncedChanges(changes));
    report.skipped = applied.skipped.length;
    for (const c of changes) {
      if (applied.skipped.includes(c.id)) continue;
      const now = accountOfRecord(local.get(c.id)!.record);
      if (now) snapshot.set(c.id, now);
      else snapshot.delete(c.id);
    }

    // Only a record that IS deleted: one brought back by a later edit keeps its file, whatever its old delete clock.
    const expired = (l: Local): boolean => l.record.deleted !== null && isRecordDeleted(l.record) && ctx.now() - l.record.deleted.t > DEFAULT_TOMBSTONE_TTL_MS;
    const writes: FileWrite[] = [];
    for (const [id, l] of local) {
      const name = recordFileName(id);
      if (expired(l) || (l.etag === null && l.record.deleted !== null && accountOfRecord(l.record) === null)) {
        // An expired tombstone goes from the backend; one of a record the backend never had has nobody to tell.
        if (l.etag !== null) writes.push({ name, data: null, ifMatch: l.etag });
        else gone.push(id);
        continue;
      }
      if (l.synced) continue;
      l.data ??= await sealSyncRecord(key, l.record);
      writes.push({ name, data: l.data, ifMatch: l.etag });
    }
    const conflicts: string[] = [];
    for (const outcome of writes.length > 0 ? await backend.write(writes) : []) {
      const id = idOfFile(outcome.name)!;
      const l = local.get(id)!;
      if (!outcome.ok) conflicts.push(outcome.name);
      else if (outcome.etag === null) gone.push(id);
      else {
        Object.assign(l, { etag: outcome.etag, synced: true, dirty: true, seen: markOf(l.record) });
        report.pushed += 1;
      }
    }
    for (const id of gone) local.delete(id);
    if (conflicts.length === 0) break;
    await pull(await backend.read(conflicts));
  }

  if (backend.kind === 'webdav') await writeCover(ctx, local, cover, report.pushed > 0);

  // 5. This browser in the manifest: which browsers sync, and when each last did; the epoch one up; each record's mark.
  const marks: Record<string, RecordMark> = {};
  for (const [id, l] of local) if (l.seen && l.etag !== null) marks[id] = l.seen;
  const own: SyncManifest = { format: 1, epoch: 0, records: marks, devices: { [device.id]: { name: device.name, lastSyncAt: ctx.now(), clock: tick() } } };
  let remote: SyncManifest = offered ?? { format: 1, devices: {} };
  let keep: Accepted | null = offered && manifest ? { manifest: offered, text: (manifest as { text: string }).text, etag: (manifest as { etag: string }).etag } : accepted;
  for (let round = 0; round < 2; round++) {
    const current = manifest as { text: string; etag: string } | null;
    const merged = mergeManifests(remote, own);
    merged.epoch = Math.max(remote.epoch ?? 0, accepted?.manifest.epoch ?? 0) + 1;
    merged.records = pruneMarks(merged.records ?? {}, ctx.now());
    const text = await sealManifest(key, merged);
    const [outcome] = await backend.write([{ name: MANIFEST_FILE, data: text, ifMatch: current?.etag ?? null }]);
    if (outcome?.ok) {
      report.manifest = merged;
      keep = { manifest: merged, text, etag: outcome.etag };
      break;
    }
    const [fresh] = await backend.read([MANIFEST_FILE]);
    manifest = fresh ? { text: fresh.data, etag: fresh.etag } : null;
    const reread = fresh ? await openManifestOrNull(key, fresh.data, ctx.now()) : null;
    if (fresh && !reread) report.refused.push(MANIFEST_FILE);
    if (!fresh || reread) check(reread);
    remote = reread ?? { format: 1, devices: {} };
    report.manifest = mergeManifests(remote, own);
    if (fresh && reread) keep = { manifest: reread, text: fresh.data, etag: fresh.etag };
  }
  report.epoch = keep?.manifest.epoch ?? 0;
  report.digest = await stateDigest(keep?.manifest.records ?? {});

  await saveLocal(key, local, gone, keep, cover, coverBefore);
  return report;
}

/**
 * Pads the folder's record files up to coverTarget with cover files, removes a step too many, and rewrites a few
 * beside a sync that wrote real records. WebDAV only: the browser's sync storage has no room to spare (44 accounts).
 * A conflict only means another browser touched that cover file: it is read again next time.
 */
async function writeCover(ctx: SyncContext, local: Map<string, Local>, cover: Map<string, string>, wroteRecords: boolean): Promise<void> {
  const records = [...local.values()].filter((l) => l.etag !== null).length;
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

async function openManifestOrNull(key: CryptoKey, text: string, now: number): Promise<SyncManifest | null> {
  try {
    return await openManifest(key, text, now);
  } catch {
    return null;
  }
}

/**
 * The same account added here and in another browser (or brought into a synced vault by joining it) meets its twin
 * in this sync: one is kept, with what the other had that it lacks, and the other is deleted (twins.ts).
 */
function foldArrivedTwins(local: Map<string, Local>, arrived: ReadonlySet<string>, tick: () => Hlc): void {
  const candidates = [...local].map(([id, l]) => ({ record: l.record, arrived: arrived.has(id), onBackend: l.etag !== null }));
  for (const fold of findTwins(candidates)) {
    const kept = local.get(fold.keep)!;
    for (const id of fold.drop) {
      const l = local.get(id)!;
      const folded = foldTwin(kept.record, l.record, tick);
      if (canonical(folded.kept) !== canonical(kept.record)) Object.assign(kept, { record: folded.kept, synced: false, data: null, dirty: true });
      Object.assign(l, { record: folded.dropped, synced: false, data: null, dirty: true });
    }
  }
}


async function loadLocal(key: CryptoKey, now: number): Promise<{ local: Map<string, Local>; accepted: Accepted | null; cover: Map<string, string> }> {
  const local = new Map<string, Local>();
  const cover = new Map<string, string>();
  let accepted: Accepted | null = null;
  for (const row of (await readSyncRows()).values()) {
    if (row.name.startsWith(COVER_ROW_PREFIX)) {
      if (row.etag !== null) cover.set(row.name.slice(COVER_ROW_PREFIX.length), row.etag);
      continue;
    }
    if (row.name === ACCEPTED_ROW) {
      const manifest = await openManifestOrNull(key, row.data, now);
      // Sealed with the data key like the backend's copy: a row that does not open was not written by this browser.
      if (manifest) accepted = { manifest, text: row.data, etag: row.etag };
      continue;
    }
    const id = idOfFile(row.name);
    if (id === null) continue;
    try {
      const record = await openSyncRecord(key, id, row.data, now);
      local.set(id, { record, etag: row.etag, synced: row.synced, data: row.data, dirty: false, seen: row.synced && row.etag !== null ? markOf(record) : null });
    } catch {
      // A damaged local row is rebuilt from the account rows and the backend: it only caches what they hold.
    }
  }
  return { local, accepted, cover };
}

async function saveLocal(
  key: CryptoKey, local: Map<string, Local>, gone: string[], accepted: Accepted | null, cover: ReadonlyMap<string, string>, coverBefore: ReadonlySet<string>,
): Promise<void> {
  const written: SyncRow[] = [];
  for (const [id, l] of local) {
    if (!l.dirty) continue;
    written.push({ name: recordFileName(id), etag: l.etag, synced: l.synced, data: l.data ?? await sealSyncRecord(key, l.record) });
  }
  // In the same transaction as the records: the epoch floor never runs ahead of (or behind) what they hold.
  if (accepted) written.push({ name: ACCEPTED_ROW, etag: accepted.etag, synced: true, data: accepted.text });
  for (const [id, etag] of cover) written.push({ name: `${COVER_ROW_PREFIX}${id}`, etag, synced: true, data: '' });
  const forgotten = [...coverBefore].filter((id) => !cover.has(id)).map((id) => `${COVER_ROW_PREFIX}${id}`);
  await commitSyncRows(written, [...gone.filter((id) => !local.has(id)).map(recordFileName), ...forgotten]);
}

// This browser's side of sync as the vault's sync rows hold it: read at the start of a sync, written at its end in
// one go. Rows hold only sealed bytes: each record exactly as its file, the accepted manifest, cover file versions.
import { markOf } from '../../../../src/shared/sync/freshness.ts';
import { openSyncRecord, sealSyncRecord } from '../../../../src/shared/sync/sync-seal.ts';
import type { SyncRow } from '../../vault/db.ts';
import type { SyncVault } from '../sync-vault.ts';
import { openManifestOrNull } from './judge-folder.ts';
import type { LocalRecord } from './local-record.ts';
import { idOfFile, recordFileName } from './record-files.ts';
import type { Accepted, SyncRun } from './sync-run.ts';

/** The sync store's row holding the manifest this browser last accepted (sealed, as on the backend): its epoch floor. */
const ACCEPTED_ROW = 'manifest';
/** The sync store's rows naming this vault's cover files (cover.ts) and their versions; the name after it is the id. */
const COVER_ROW_PREFIX = 'c-';

export interface LocalState {
  local: Map<string, LocalRecord>;
  accepted: Accepted | null;
  cover: Map<string, string>;
}

export async function loadLocal(vault: SyncVault, key: CryptoKey, now: number): Promise<LocalState> {
  const local = new Map<string, LocalRecord>();
  const cover = new Map<string, string>();
  let accepted: Accepted | null = null;
  for (const row of (await vault.readSyncRows()).values()) {
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

/** Writes the changed records, the manifest now accepted and the cover files; forgets the rest. */
export async function saveLocal(run: SyncRun, accepted: Accepted | null): Promise<void> {
  const { local, cover } = run;
  const written: SyncRow[] = [];
  for (const [id, l] of local) {
    if (!l.dirty) continue;
    written.push({ name: recordFileName(id), etag: l.etag, synced: l.synced, data: l.data ?? await sealSyncRecord(run.ctx.key, l.record) });
  }
  // In the same transaction as the records: the epoch floor never runs ahead of (or behind) what they hold.
  if (accepted) written.push({ name: ACCEPTED_ROW, etag: accepted.etag, synced: true, data: accepted.text });
  for (const [id, etag] of cover) written.push({ name: `${COVER_ROW_PREFIX}${id}`, etag, synced: true, data: '' });
  const forgotten = [...run.coverBefore].filter((id) => !cover.has(id)).map((id) => `${COVER_ROW_PREFIX}${id}`);
  await run.ctx.vault.commitSyncRows(written, [...run.gone.filter((id) => !local.has(id)).map(recordFileName), ...forgotten]);
}

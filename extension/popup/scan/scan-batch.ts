// Progress of a Google Authenticator export spread over several QR codes. It lives in
// chrome.storage.session because the popup closes whenever the user turns to the next code.
import type { OtpAccount } from '../../../src/shared/index.ts';
import { SESSION_KEYS } from '../../session-keys.ts';
import { readSession, removeSession, writeSession } from '../browser.ts';
import { sameSecret, type MigrationBatch } from './qr-payloads.ts';

const KEY = SESSION_KEYS.migrationBatch;

export interface BatchProgress {
  id: number;
  size: number;
  /** Batch indexes already scanned. */
  scanned: number[];
  /** Accounts scanned but not yet saved. */
  pending: OtpAccount[];
}

export async function readBatch(): Promise<BatchProgress | null> {
  return readSession<BatchProgress>(KEY);
}

/** Merges one scanned part into the stored progress (a different export id starts over). */
export async function mergeBatchPart(batch: MigrationBatch, accounts: OtpAccount[]): Promise<BatchProgress> {
  const stored = await readBatch();
  const progress: BatchProgress = stored && stored.id === batch.id && stored.size === batch.size
    ? stored
    : { id: batch.id, size: Math.max(1, batch.size), scanned: [], pending: [] };
  if (!progress.scanned.includes(batch.index)) {
    progress.scanned = [...progress.scanned, batch.index].sort((a, b) => a - b);
    progress.pending = [...progress.pending, ...accounts.filter((a) => !progress.pending.some((p) => sameSecret(p, a)))];
  }
  await writeSession(KEY, progress);
  return progress;
}

/** After saving: forget the saved accounts, and the whole batch once every part was scanned. */
export async function markBatchSaved(progress: BatchProgress): Promise<void> {
  if (progress.scanned.length >= progress.size) await removeSession(KEY);
  else await writeSession(KEY, { ...progress, pending: [] });
}

export async function forgetBatch(): Promise<void> {
  await removeSession(KEY);
}

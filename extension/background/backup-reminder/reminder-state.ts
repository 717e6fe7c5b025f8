// What the backup reminder knows: how many accounts were added or changed since the last exported backup, when, and
// when the user last said "Not now" (plain numbers in local storage: no ids, no names).
import { backupReminderDue, EMPTY_BACKUP_STATE, noteBackup, noteChanges, type BackupState } from '../../../src/shared/backup-reminder.ts';
import type { BackupReminderView } from '../../messages.ts';
import { localStore } from '../platform/browser-api.ts';
import { onAccountsChanged } from '../vault/change-events.ts';
import { readSyncStatus } from '../sync/sync-config.ts';
import { serialQueue } from '../vault/write-queue.ts';

const KEY = 'backup.reminder';

// Reads and writes one after another: a burst of changes (an import) must not lose counts.
const inOrder = serialQueue();
function update(change: (state: BackupState) => BackupState): Promise<void> {
  return inOrder(async () => localStore.set(KEY, change(await readState())));
}

async function readState(): Promise<BackupState> {
  const stored = await localStore.get<Partial<BackupState>>(KEY);
  return { ...EMPTY_BACKUP_STATE, ...(stored ?? {}) };
}

/** Registers the count of changed accounts; must run when the worker script starts. */
export function installBackupReminder(): void {
  onAccountsChanged((ids) => { void update((s) => noteChanges(s, ids.length, Date.now())).catch(() => undefined); });
}

/** An export finished: nothing is owed. */
export function noteBackupExported(now: number): Promise<void> {
  return update((s) => noteBackup(s, now));
}

/** "Not now": quiet for a week. */
export function dismissBackupReminder(now: number): Promise<void> {
  return update((s) => ({ ...s, dismissedAt: now }));
}

export async function backupReminderView(now: number): Promise<BackupReminderView> {
  const [state, sync] = await Promise.all([readState(), readSyncStatus()]);
  const lastSyncAt = sync.lastSyncAt ?? null;
  return { due: backupReminderDue(state, lastSyncAt, now), changesSince: state.changesSince, lastBackupAt: state.lastBackupAt, lastSyncAt };
}

// When Keyfob reminds the user to back up: after enough new or changed accounts since the last backup or sync, and
// never more than once a week. A pure rule over plain numbers, so every case is a table row.

/** How many accounts added or changed without a backup or a sync make the reminder due. */
export const REMIND_AFTER_CHANGES = 10;
/** A dismissed reminder stays quiet this long. */
export const QUIET_FOR_MS = 7 * 24 * 60 * 60_000;

export interface BackupState {
  /** Accounts added or changed since the last backup (a count, no ids). */
  changesSince: number;
  /** When the last of those changes happened, epoch ms (null: none since). */
  lastChangeAt: number | null;
  /** When the user last exported a backup, epoch ms. */
  lastBackupAt: number | null;
  /** When the user last said "Not now". */
  dismissedAt: number | null;
}

export const EMPTY_BACKUP_STATE: BackupState = { changesSince: 0, lastChangeAt: null, lastBackupAt: null, dismissedAt: null };

/** Whether to show the reminder at `now`, given the last successful sync (null: sync off or never succeeded). */
export function backupReminderDue(state: BackupState, lastSyncAt: number | null, now: number): boolean {
  if (state.changesSince < REMIND_AFTER_CHANGES) return false;
  // A sync that succeeded after the last change holds a copy of everything: as good as a backup for this rule.
  if (lastSyncAt !== null && state.lastChangeAt !== null && lastSyncAt >= state.lastChangeAt) return false;
  return state.dismissedAt === null || now - state.dismissedAt >= QUIET_FOR_MS;
}

/** The state after `count` accounts were added or changed at `now`. */
export function noteChanges(state: BackupState, count: number, now: number): BackupState {
  return { ...state, changesSince: state.changesSince + count, lastChangeAt: now };
}

/** The state after a backup was exported at `now`: nothing is owed any more. */
export function noteBackup(state: BackupState, now: number): BackupState {
  return { ...state, changesSince: 0, lastChangeAt: null, lastBackupAt: now };
}

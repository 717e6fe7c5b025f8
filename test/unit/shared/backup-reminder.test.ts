// The backup reminder's rule: due after ten changes without a backup or a later sync, quiet for a week once dismissed.
import { describe, expect, it } from 'vitest';
import { backupReminderDue, EMPTY_BACKUP_STATE, noteBackup, noteChanges, QUIET_FOR_MS } from '../../../src/shared/backup-reminder.ts';

const T = Date.UTC(2026, 11, 7);

describe('backup reminder', () => {
  it('is due after ten added or changed accounts, not after nine', () => {
    expect(backupReminderDue(noteChanges(EMPTY_BACKUP_STATE, 9, T), null, T)).toBe(false);
    expect(backupReminderDue(noteChanges(noteChanges(EMPTY_BACKUP_STATE, 9, T), 1, T + 1), null, T + 2)).toBe(true);
  });

  it('is not due once a backup was exported, until ten more changes', () => {
    const backedUp = noteBackup(noteChanges(EMPTY_BACKUP_STATE, 12, T), T + 10);
    expect(backupReminderDue(backedUp, null, T + 20)).toBe(false);
    expect(backedUp.lastBackupAt).toBe(T + 10);
    expect(backupReminderDue(noteChanges(backedUp, 10, T + 30), null, T + 40)).toBe(true);
  });

  it('counts a sync that succeeded after the last change as a copy, but not one before it', () => {
    const changed = noteChanges(EMPTY_BACKUP_STATE, 15, T);
    expect(backupReminderDue(changed, T + 1, T + 2)).toBe(false);
    expect(backupReminderDue(changed, T - 1, T + 2)).toBe(true);
  });

  it('stays quiet for a week after "Not now", then reminds again', () => {
    const dismissed = { ...noteChanges(EMPTY_BACKUP_STATE, 15, T), dismissedAt: T + 5 };
    expect(backupReminderDue(dismissed, null, T + 5 + QUIET_FOR_MS - 1)).toBe(false);
    expect(backupReminderDue(dismissed, null, T + 5 + QUIET_FOR_MS)).toBe(true);
  });
});

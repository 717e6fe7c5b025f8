// A quiet reminder in the list after ten accounts were added or changed without a backup or a sync: "Back up now"
// opens Settings, where the encrypted backup is; "Not now" keeps it quiet for a week.
import { plural, t } from '../../i18n.ts';
import { useEffect, useState } from 'preact/hooks';
import { callBackground, type BackupReminderView } from '../../messages.ts';

export function BackupReminder({ onBackUp }: { onBackUp: () => void }) {
  const [view, setView] = useState<BackupReminderView | null>(null);

  useEffect(() => {
    let cancelled = false;
    callBackground('backupReminder', {}).then((v) => { if (!cancelled) setView(v); }).catch(() => undefined);
    return () => { cancelled = true; };
  }, []);

  if (!view?.due) return null;
  return (
    <div role="status" class="notice" data-testid="backup-reminder">
      <p>{plural('backupReminder', view.changesSince)}</p>
      <div class="row-buttons">
        <button type="button" onClick={onBackUp}>{t('backupNow')}</button>
        <button type="button" onClick={() => void callBackground('dismissBackupReminder', {}).then(setView).catch(() => setView(null))}>{t('notNow')}</button>
      </div>
    </div>
  );
}

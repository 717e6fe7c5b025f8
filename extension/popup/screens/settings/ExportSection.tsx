// Export: an encrypted backup with its own password, a plain otpauth list, or an Aegis plain vault for moving to
// another app, the plain ones after an explicit warning; all only after the master password.
import { t } from '../../../i18n.ts';
import { useEffect, useState } from 'preact/hooks';
import { callBackground, type BackupReminderView, type ExportRequest } from '../../../messages.ts';
import { downloadText } from '../../browser.ts';
import { errorText } from '../../error-text.ts';

export function ExportSection() {
  const [backupPassword, setBackupPassword] = useState('');
  const [backupConfirm, setBackupConfirm] = useState('');
  const [backupMaster, setBackupMaster] = useState('');
  const [master, setMaster] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [aegisMaster, setAegisMaster] = useState('');
  const [aegisUnderstood, setAegisUnderstood] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [dates, setDates] = useState<BackupReminderView | null>(null);

  useEffect(() => { callBackground('backupReminder', {}).then(setDates).catch(() => undefined); }, [status]);
  const day = (at: number) => new Date(at).toLocaleString(t('pluralLocale') || undefined, { dateStyle: 'medium', timeStyle: 'short' });

  const run = async (req: ExportRequest) => {
    try {
      const file = await callBackground('exportVault', req);
      downloadText(file.fileName, file.mimeType, file.text);
      setStatus({ ok: true, text: t('exported', file.fileName) });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    }
  };

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('export')}</h2>
      {dates && (
        <p class="hint" data-testid="backup-dates">
          {dates.lastBackupAt === null ? t('lastBackupNever') : t('lastBackupOn', day(dates.lastBackupAt))}
          {dates.lastSyncAt !== null && <> · {t('lastSyncOn', day(dates.lastSyncAt))}</>}
        </p>
      )}
      <form class="stack" onSubmit={(e) => {
        e.preventDefault();
        if (backupPassword !== backupConfirm) { setStatus({ ok: false, text: t('backupPasswordsDoNotMatch') }); return; }
        void run({ format: 'encrypted', masterPassword: backupMaster, backupPassword });
      }}>
        <label>{t('masterForEncrypted')}
          <input type="password" autoComplete="current-password" required value={backupMaster} onInput={(e) => setBackupMaster(e.currentTarget.value)} />
        </label>
        <label>{t('backupPassword')}
          <input type="password" autoComplete="new-password" required value={backupPassword} onInput={(e) => setBackupPassword(e.currentTarget.value)} />
        </label>
        <label>{t('confirmBackupPassword')}
          <input type="password" autoComplete="new-password" required value={backupConfirm} onInput={(e) => setBackupConfirm(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('exportEncrypted')}</button>
      </form>
      <form class="stack" onSubmit={(e) => { e.preventDefault(); void run({ format: 'otpauth', masterPassword: master }); }}>
        <p class="warning" id="plain-warning">{t('plainWarning')}</p>
        <label>{t('masterForPlain')}
          <input type="password" autoComplete="current-password" required value={master} onInput={(e) => setMaster(e.currentTarget.value)} />
        </label>
        <label class="choice">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} aria-describedby="plain-warning" />
          {t('understandNotEncrypted')}
        </label>
        <button type="submit" disabled={!understood}>{t('exportPlain')}</button>
      </form>
      <form class="stack" onSubmit={(e) => { e.preventDefault(); void run({ format: 'aegis', masterPassword: aegisMaster }); }}>
        <p class="warning" id="aegis-warning">{t('exportAegisHint')}</p>
        <label>{t('masterForPlain')}
          <input type="password" autoComplete="current-password" required value={aegisMaster} onInput={(e) => setAegisMaster(e.currentTarget.value)} />
        </label>
        <label class="choice">
          <input type="checkbox" checked={aegisUnderstood} onChange={(e) => setAegisUnderstood(e.currentTarget.checked)} aria-describedby="aegis-warning" />
          {t('understandNotEncrypted')}
        </label>
        <button type="submit" disabled={!aegisUnderstood}>{t('exportAegis')}</button>
      </form>
      {status && <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'notice' : 'error'}>{status.text}</p>}
    </section>
  );
}

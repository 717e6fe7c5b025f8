// Export: an encrypted backup with its own password, or a plain otpauth list after an explicit warning;
// both only after the master password.
import { useState } from 'preact/hooks';
import { callBackground, type ExportRequest } from '../../../messages.ts';
import { downloadText } from '../../browser.ts';
import { errorText } from '../../error-text.ts';

export function ExportSection() {
  const [backupPassword, setBackupPassword] = useState('');
  const [backupConfirm, setBackupConfirm] = useState('');
  const [backupMaster, setBackupMaster] = useState('');
  const [master, setMaster] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async (req: ExportRequest) => {
    try {
      const file = await callBackground('exportVault', req);
      downloadText(file.fileName, file.mimeType, file.text);
      setStatus({ ok: true, text: `Exported ${file.fileName}.` });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    }
  };

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <form class="stack" onSubmit={(e) => {
        e.preventDefault();
        if (backupPassword !== backupConfirm) { setStatus({ ok: false, text: 'The backup passwords do not match' }); return; }
        void run({ format: 'encrypted', masterPassword: backupMaster, backupPassword });
      }}>
        <label>Master password for encrypted backup
          <input type="password" autoComplete="current-password" required value={backupMaster} onInput={(e) => setBackupMaster(e.currentTarget.value)} />
        </label>
        <label>Backup password
          <input type="password" autoComplete="new-password" required value={backupPassword} onInput={(e) => setBackupPassword(e.currentTarget.value)} />
        </label>
        <label>Confirm backup password
          <input type="password" autoComplete="new-password" required value={backupConfirm} onInput={(e) => setBackupConfirm(e.currentTarget.value)} />
        </label>
        <button type="submit">Export encrypted backup</button>
      </form>
      <form class="stack" onSubmit={(e) => { e.preventDefault(); void run({ format: 'otpauth', masterPassword: master }); }}>
        <p class="warning" id="plain-warning">A plain list shows every secret to anyone who sees the file. Prefer the encrypted backup.</p>
        <label>Master password for plain export
          <input type="password" autoComplete="current-password" required value={master} onInput={(e) => setMaster(e.currentTarget.value)} />
        </label>
        <label class="choice">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} aria-describedby="plain-warning" />
          I understand the file is not encrypted
        </label>
        <button type="submit" disabled={!understood}>Export plain otpauth list</button>
      </form>
      {status && <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'notice' : 'error'}>{status.text}</p>}
    </section>
  );
}

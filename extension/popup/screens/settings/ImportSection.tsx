// Import a Keyfob backup, an otpauth list or Google Authenticator migration URIs, from a file or pasted.
import { plural, t } from '../../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground } from '../../../messages.ts';
import { openExtensionTab } from '../../browser.ts';
import { errorText } from '../../error-text.ts';
import { failedLineText } from './failed-line-text.ts';

export function ImportSection({ onImported }: { onImported: () => void }) {
  const [text, setText] = useState('');
  const [backupPassword, setBackupPassword] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string; failed?: string[] } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) { setStatus({ ok: false, text: t('chooseFileOrPaste') }); return; }
    try {
      const r = await callBackground('importData', { text, ...(backupPassword ? { backupPassword } : {}) });
      setStatus({
        ok: r.failed.length === 0,
        text: `${plural('importedAccounts', r.added)} ${plural('importDuplicates', r.duplicates)}`,
        failed: r.failed.map(failedLineText),
      });
      if (r.added > 0) onImported();
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    }
  };

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('import')}</h2>
      <p class="hint" id="import-tab-hint">{t('importOpenTabHint')}</p>
      <button type="button" class="primary" data-testid="open-import-tab" aria-describedby="import-tab-hint"
        onClick={() => void openExtensionTab('extension/import/index.html')}>{t('importOpenTab')}</button>
      <form class="stack" onSubmit={submit}>
        <label>{t('importFile')}
          <input type="file" accept=".json,.txt,text/plain,application/json"
            onChange={async (e) => { const file = e.currentTarget.files?.[0]; if (file) setText(await file.text()); }} />
        </label>
        <label>{t('orPasteText')}
          <textarea rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} spellcheck={false}
            placeholder={t('importPlaceholder')} />
        </label>
        <label>{t('importBackupPassword')}
          <input type="password" autoComplete="off" value={backupPassword} onInput={(e) => setBackupPassword(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('import')}</button>
      </form>
      {status && (
        <div role={status.ok ? 'status' : 'alert'} class={status.ok ? 'notice' : 'error'}>
          <p>{status.text}</p>
          {status.failed && status.failed.length > 0 && <ul>{status.failed.map((f) => <li key={f}>{f}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}

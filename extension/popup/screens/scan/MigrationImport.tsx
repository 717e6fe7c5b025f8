// A Google Authenticator export: shows "2 of 3 scanned", the accounts gathered so far, and saves them.
import { plural, t } from '../../../i18n.ts';
import { callBackground } from '../../../messages.ts';
import { useAction } from '../../hooks/use-action.ts';
import { markBatchSaved, type BatchProgress } from '../../scan/scan-batch.ts';
import { describeAddResult } from '../describe-add-result.ts';

export function MigrationImport({ progress, onSaved }: { progress: BatchProgress; onSaved: (notice: string) => void }) {
  const { busy, error, run } = useAction();
  const complete = progress.scanned.length >= progress.size;
  const count = progress.pending.length;

  const save = () => run(async () => {
    const r = count > 0 ? await callBackground('addAccounts', { drafts: progress.pending.map((account) => ({ account })) }) : null;
    await markBatchSaved(progress);
    const rest = complete ? '' : ` ${plural('scanOtherExportCodes', progress.size - progress.scanned.length)}`;
    onSaved(`${r ? describeAddResult(r) : t('nothingNewToSave')}${rest}`);
  }, { leavesScreen: true });

  return (
    <section class="stack">
      {progress.size > 1 && (
        <p role="status" data-testid="batch-progress">{t('batchScanned', progress.scanned.length, progress.size)}</p>
      )}
      {count > 0 ? (
        <ul class="plain">{progress.pending.map((a, i) => <li key={`${a.secret}-${i}`}>{a.issuer ? `${a.issuer} (${a.account})` : a.account}</li>)}</ul>
      ) : (
        <p>{t('exportAlreadyScanned')}</p>
      )}
      {!complete && <p class="hint">{t('showNextExportCode')}</p>}
      {error && <p role="alert" class="error">{error}</p>}
      <button type="button" class="primary" disabled={busy || count === 0} onClick={() => void save()} autoFocus>
        {plural('saveAccounts', count)}
      </button>
    </section>
  );
}

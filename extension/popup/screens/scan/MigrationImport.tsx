// A Google Authenticator export: shows "2 of 3 scanned", the accounts gathered so far, and saves them.
import { useState } from 'preact/hooks';
import { callBackground } from '../../../messages.ts';
import { errorText } from '../../error-text.ts';
import { markBatchSaved, type BatchProgress } from '../../scan/scan-batch.ts';
import { describeAddResult } from '../describe-add-result.ts';

export function MigrationImport({ progress, onSaved }: { progress: BatchProgress; onSaved: (notice: string) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const complete = progress.scanned.length >= progress.size;
  const count = progress.pending.length;

  const save = async () => {
    setBusy(true);
    try {
      const r = count > 0 ? await callBackground('addAccounts', { drafts: progress.pending.map((account) => ({ account })) }) : null;
      await markBatchSaved(progress);
      const rest = complete ? '' : ` Scan the other ${progress.size - progress.scanned.length} export code(s) to finish.`;
      onSaved(`${r ? describeAddResult(r) : 'Nothing new to save.'}${rest}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <section class="stack">
      {progress.size > 1 && (
        <p role="status" data-testid="batch-progress">{progress.scanned.length} of {progress.size} scanned</p>
      )}
      {count > 0 ? (
        <ul class="plain">{progress.pending.map((a, i) => <li key={`${a.secret}-${i}`}>{a.issuer ? `${a.issuer} (${a.account})` : a.account}</li>)}</ul>
      ) : (
        <p>This export code was already scanned.</p>
      )}
      {!complete && <p class="hint">Show the next QR code of the export and choose Scan QR code again; what you scanned is kept.</p>}
      {error && <p role="alert" class="error">{error}</p>}
      <button type="button" class="primary" disabled={busy || count === 0} onClick={save} autoFocus>
        Save {count} account{count === 1 ? '' : 's'}
      </button>
    </section>
  );
}

// "Save 8 recovery codes from <origin> for <account>?": the only way a page's recovery codes reach the vault.
// The codes themselves stay in the background; this window only confirms or cancels what the page sent.
import { useState } from 'preact/hooks';
import { callBackground, type RecoverySaveView } from '../../messages.ts';
import { errorText } from '../error-text.ts';

type Candidate = RecoverySaveView['accounts'][number];

export interface SaveRecoveryCodesProps {
  tabId: number;
  view: RecoverySaveView;
  onDone: (notice: string) => void;
}

const nameOf = (a: Candidate) => (a.issuer ? `${a.issuer} / ${a.account}` : a.account);
const codes = (n: number) => (n === 1 ? '1 recovery code' : `${n} recovery codes`);

function replaceText(a: Candidate): string {
  if (a.replaces === 0) return 'No unused codes are saved for it now.';
  return a.replaces === 1 ? 'This replaces the 1 unused code saved now.' : `This replaces the ${a.replaces} unused codes saved now.`;
}

export function SaveRecoveryCodes({ tabId, view, onDone }: SaveRecoveryCodesProps) {
  const [chosenId, setChosenId] = useState(view.accounts[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const chosen = view.accounts.find((a) => a.id === chosenId);

  const cancel = async () => {
    setBusy(true);
    try {
      await callBackground('cancelRecoverySave', { tabId });
      onDone('Recovery codes not saved');
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  const save = async () => {
    if (!chosen) return;
    setBusy(true);
    setError('');
    try {
      const { saved } = await callBackground('confirmRecoverySave', { tabId, saveId: view.saveId, accountId: chosen.id });
      onDone(`Saved ${codes(saved)} for ${nameOf(chosen)}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <main class="narrow" data-testid="save-recovery-codes">
      <h1>Save recovery codes</h1>
      {view.accounts.length === 0 ? (
        <p role="alert" class="error">
          No Keyfob account is bound to <strong>{view.origin}</strong>, so its {codes(view.count)} cannot be saved.
        </p>
      ) : (
        <>
          {view.accounts.length > 1 && (
            <fieldset>
              <legend>Several accounts use {view.origin}: pick one</legend>
              {view.accounts.map((a) => (
                <label key={a.id} class="choice">
                  <input type="radio" name="account" checked={a.id === chosenId} onChange={() => setChosenId(a.id)} />
                  {nameOf(a)}
                </label>
              ))}
            </fieldset>
          )}
          {chosen && (
            <p role="alertdialog" aria-label="Save recovery codes" data-testid="save-recovery-question">
              Save {codes(view.count)} from <strong>{view.origin}</strong> for <strong>{nameOf(chosen)}</strong>? {replaceText(chosen)}
            </p>
          )}
        </>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      <div class="row-buttons">
        {chosen && <button type="button" class="primary" autoFocus disabled={busy} onClick={() => void save()}>Save</button>}
        <button type="button" disabled={busy} onClick={() => void cancel()}>Cancel</button>
      </div>
    </main>
  );
}

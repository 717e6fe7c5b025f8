// "Save 8 recovery codes from <origin> for <account>?": the only way a page's recovery codes reach the vault.
// The codes themselves stay in the background; this window only confirms or cancels what the page sent.
import { plural, t } from '../../i18n.ts';
import { richPlural } from '../rich-text.tsx';
import { useState } from 'preact/hooks';
import { callBackground, type RecoverySaveView } from '../../messages.ts';
import { useAction } from '../hooks/use-action.ts';

type Candidate = RecoverySaveView['accounts'][number];

export interface SaveRecoveryCodesProps {
  tabId: number;
  view: RecoverySaveView;
  onDone: (notice: string) => void;
}

const nameOf = (a: Candidate) => (a.issuer ? `${a.issuer} / ${a.account}` : a.account);

function replaceText(a: Candidate): string {
  return a.replaces === 0 ? t('noUnusedSaved') : plural('replacesUnused', a.replaces);
}

export function SaveRecoveryCodes({ tabId, view, onDone }: SaveRecoveryCodesProps) {
  const [chosenId, setChosenId] = useState(view.accounts[0]?.id ?? '');
  const { busy, error, run } = useAction();
  const chosen = view.accounts.find((a) => a.id === chosenId);

  const cancel = () => run(async () => {
    await callBackground('cancelRecoverySave', { tabId });
    onDone(t('recoveryNotSaved'));
  }, { leavesScreen: true });

  const save = async () => {
    if (!chosen) return;
    await run(async () => {
      const { saved } = await callBackground('confirmRecoverySave', { tabId, saveId: view.saveId, accountId: chosen.id });
      onDone(plural('savedRecoveryCodes', saved, nameOf(chosen)));
    }, { leavesScreen: true });
  };

  return (
    <main class="narrow" data-testid="save-recovery-codes">
      <h1>{t('saveRecoveryCodes')}</h1>
      {view.accounts.length === 0 ? (
        <p role="alert" class="error">
          {richPlural('noAccountForRecovery', view.count, <strong>{view.origin}</strong>)}
        </p>
      ) : (
        <>
          {view.accounts.length > 1 && (
            <fieldset>
              <legend>{t('severalAccountsUse', view.origin)}</legend>
              {view.accounts.map((a) => (
                <label key={a.id} class="choice">
                  <input type="radio" name="account" checked={a.id === chosenId} onChange={() => setChosenId(a.id)} />
                  {nameOf(a)}
                </label>
              ))}
            </fieldset>
          )}
          {chosen && (
            <p role="alertdialog" aria-label={t('saveRecoveryCodes')} data-testid="save-recovery-question">
              {richPlural('saveRecoveryQuestion', view.count, <strong>{view.origin}</strong>, <strong>{nameOf(chosen)}</strong>)} {replaceText(chosen)}
            </p>
          )}
        </>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      <div class="row-buttons">
        {chosen && <button type="button" class="primary" autoFocus disabled={busy} onClick={() => void save()}>{t('save')}</button>}
        <button type="button" disabled={busy} onClick={() => void cancel()}>{t('cancel')}</button>
      </div>
    </main>
  );
}

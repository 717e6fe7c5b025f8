// One account: rename, issuer, bound origins, notes (e.g. recovery codes), delete with confirmation.
import { t } from '../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground, type AccountView } from '../../messages.ts';
import { ScreenHeader } from '../components/ScreenHeader.tsx';
import { errorText } from '../error-text.ts';
import { normaliseOriginInput } from '../../../src/shared/origin.ts';

export interface AccountDetailProps {
  account: AccountView;
  onBack: () => void;
  onChanged: (notice: string) => void;
}

export function AccountDetail({ account, onBack, onChanged }: AccountDetailProps) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.account);
  const [origins, setOrigins] = useState(account.origins.join('\n'));
  const [notes, setNotes] = useState(account.notes);
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const title = account.issuer || account.account;

  const save = async (e: Event) => {
    e.preventDefault();
    setError('');
    const lines = origins.split(/[\n,\s]+/).map((s) => s.trim()).filter(Boolean);
    const normalised: string[] = [];
    for (const line of lines) {
      const origin = normaliseOriginInput(line);
      if (!origin) { setError(t('notWebAddress', line)); return; }
      if (!normalised.includes(origin)) normalised.push(origin);
    }
    try {
      await callBackground('updateAccount', { id: account.id, patch: { issuer: issuer.trim(), account: name.trim(), origins: normalised, notes } });
      onChanged(t('changesSaved'));
    } catch (err) {
      setError(errorText(err));
    }
  };

  const remove = async () => {
    try {
      await callBackground('deleteAccount', { id: account.id });
      onChanged(t('deletedAccount', title));
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <main>
      <ScreenHeader title={title} onBack={onBack} />
      <form onSubmit={save} class="stack">
        <label>{t('issuer')}<input type="text" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} autoFocus /></label>
        <label>{t('accountName')}<input type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label>{t('boundOrigins')}
          <textarea rows={3} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} spellcheck={false} />
        </label>
        <p class="hint">{t('boundOriginsHint')}</p>
        <label>{t('notes')}
          <textarea rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
        </label>
        <p class="hint">
          {account.type.toUpperCase()} · {account.algorithm} · {t('digits', account.digits)}
          {' · '}{account.type === 'totp' ? t('periodSeconds', account.period) : t('counterValue', account.counter)}
          {account.recoveryCodes.total > 0 && ` · ${t('recoveryUnused', account.recoveryCodes.unused, account.recoveryCodes.total)}`}
        </p>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" class="primary">{t('saveChanges')}</button>
      </form>
      <section class="danger stack">
        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-delete" class="stack">
            <p id="confirm-delete">{t('deleteConfirm', title)}</p>
            <div class="row-buttons">
              <button type="button" class="destructive" onClick={remove} autoFocus>{t('deleteForGood')}</button>
              <button type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>
            </div>
          </div>
        ) : (
          <button type="button" class="destructive" onClick={() => setConfirming(true)}>{t('deleteAccount')}</button>
        )}
      </section>
    </main>
  );
}

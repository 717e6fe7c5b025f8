// One scanned account → confirm issuer and name and Save; several → pick one first.
import { t } from '../../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground } from '../../../messages.ts';
import type { OtpAccount } from '../../../../src/shared/index.ts';
import { useAction } from '../../hooks/use-action.ts';
import { scanDraft } from '../../scan/scan-draft.ts';
import type { ScanBinding } from '../../scan/scan-tab.ts';
import { describeAddResult } from '../describe-add-result.ts';

export interface ConfirmAccountsProps {
  accounts: OtpAccount[];
  /** The origins the code may be bound to (autofill works there) and the one known to have shown it. */
  binding: ScanBinding;
  onSaved: (notice: string) => void;
}

export function ConfirmAccounts({ accounts, binding, onSaved }: ConfirmAccountsProps) {
  const [chosen, setChosen] = useState(0);
  const picked = accounts[chosen] ?? accounts[0];
  const [issuer, setIssuer] = useState(picked?.issuer ?? '');
  const [name, setName] = useState(picked?.account ?? '');
  const { busy, error, setError, run } = useAction();
  // With several origins and none known to have shown the code, nothing is chosen for the user.
  const [origin, setOrigin] = useState<string | null>(binding.origins.length === 1 ? binding.origins[0] ?? null : binding.shownBy);
  if (!picked) return null;
  const mustChoose = binding.origins.length > 1 && origin === null;

  const choose = (i: number) => {
    setChosen(i);
    setIssuer(accounts[i]?.issuer ?? '');
    setName(accounts[i]?.account ?? '');
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (mustChoose) { setError(t('chooseWhereFilled')); return; }
    await run(async () => {
      const account: OtpAccount = { ...picked, issuer: issuer.trim(), account: name.trim() || picked.account };
      const r = await callBackground('addAccounts', { drafts: [scanDraft(account, origin, binding)] });
      onSaved(describeAddResult(r));
    }, { leavesScreen: true });
  };

  return (
    <form class="stack" onSubmit={save}>
      {accounts.length > 1 && (
        <fieldset>
          <legend>{t('codesFoundPickOne', accounts.length)}</legend>
          {accounts.map((a, i) => (
            <label key={`${a.secret}-${i}`} class="choice">
              <input type="radio" name="pick" checked={i === chosen} onChange={() => choose(i)} autoFocus={i === 0} />
              {a.issuer ? `${a.issuer} (${a.account})` : a.account}
            </label>
          ))}
        </fieldset>
      )}
      <label>{t('issuer')}<input type="text" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} autoFocus={accounts.length === 1} /></label>
      <label>{t('accountName')}<input type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      {binding.origins.length > 1 ? (
        <fieldset data-testid="scan-origins">
          <legend>{t('bindToFrame')}</legend>
          {binding.origins.map((o) => (
            <label key={o} class="choice">
              <input type="radio" name="origin" value={o} checked={o === origin} onChange={() => { setOrigin(o); setError(''); }} />
              {o}
            </label>
          ))}
        </fieldset>
      ) : (
        <p class="hint" data-testid="scan-site">
          {origin ? t('codesFilledOn', origin) : t('notBoundYet')}
        </p>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{t('save')}</button>
    </form>
  );
}

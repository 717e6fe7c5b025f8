// One scanned account → confirm issuer and name and Save; several → pick one first.
import { useState } from 'preact/hooks';
import { callBackground } from '../../../messages.ts';
import type { OtpAccount } from '../../../../src/shared/index.ts';
import { errorText } from '../../error-text.ts';
import { describeAddResult } from '../describe-add-result.ts';

export interface ConfirmAccountsProps {
  accounts: OtpAccount[];
  /** The site the code was scanned on; the account is bound to it so autofill works there. */
  site: string | null;
  onSaved: (notice: string) => void;
}

export function ConfirmAccounts({ accounts, site, onSaved }: ConfirmAccountsProps) {
  const [chosen, setChosen] = useState(0);
  const picked = accounts[chosen] ?? accounts[0];
  const [issuer, setIssuer] = useState(picked?.issuer ?? '');
  const [name, setName] = useState(picked?.account ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!picked) return null;

  const choose = (i: number) => {
    setChosen(i);
    setIssuer(accounts[i]?.issuer ?? '');
    setName(accounts[i]?.account ?? '');
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const account: OtpAccount = { ...picked, issuer: issuer.trim(), account: name.trim() || picked.account };
      const r = await callBackground('addAccounts', { drafts: [{ account, sites: site ? [site] : [] }] });
      onSaved(describeAddResult(r));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <form class="stack" onSubmit={save}>
      {accounts.length > 1 && (
        <fieldset>
          <legend>{accounts.length} codes found: pick one</legend>
          {accounts.map((a, i) => (
            <label key={`${a.secret}-${i}`} class="choice">
              <input type="radio" name="pick" checked={i === chosen} onChange={() => choose(i)} autoFocus={i === 0} />
              {a.issuer ? `${a.issuer} (${a.account})` : a.account}
            </label>
          ))}
        </fieldset>
      )}
      <label>Issuer<input type="text" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} autoFocus={accounts.length === 1} /></label>
      <label>Account name<input type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      <p class="hint" data-testid="scan-site">
        {site ? `Codes will be filled on ${site}.` : 'Not bound to a site yet: you can add one in the account details.'}
      </p>
      {error && <p role="alert" class="error">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>Save</button>
    </form>
  );
}

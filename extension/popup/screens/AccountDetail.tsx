// One account: rename, issuer, bound origins, notes (e.g. recovery codes), delete with confirmation.
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
      if (!origin) { setError(`“${line}” is not a web site address`); return; }
      if (!normalised.includes(origin)) normalised.push(origin);
    }
    try {
      await callBackground('updateAccount', { id: account.id, patch: { issuer: issuer.trim(), account: name.trim(), origins: normalised, notes } });
      onChanged('Changes saved.');
    } catch (err) {
      setError(errorText(err));
    }
  };

  const remove = async () => {
    try {
      await callBackground('deleteAccount', { id: account.id });
      onChanged(`Deleted ${title}.`);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <main>
      <ScreenHeader title={title} onBack={onBack} />
      <form onSubmit={save} class="stack">
        <label>Issuer<input type="text" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} autoFocus /></label>
        <label>Account name<input type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label>Bound origins (one per line)
          <textarea rows={3} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} spellcheck={false} />
        </label>
        <p class="hint">
          Codes are filled automatically only on these exact origins (scheme, host and port). Another address of the same
          site is offered with a question first; an https origin never fills on plain http.
        </p>
        <label>Notes
          <textarea rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
        </label>
        <p class="hint">
          {account.type.toUpperCase()} · {account.algorithm} · {account.digits} digits
          {account.type === 'totp' ? ` · ${account.period} s` : ` · counter ${account.counter}`}
          {account.recoveryCodes.total > 0 && ` · ${account.recoveryCodes.unused} of ${account.recoveryCodes.total} recovery codes unused`}
        </p>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" class="primary">Save changes</button>
      </form>
      <section class="danger stack">
        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-delete" class="stack">
            <p id="confirm-delete">Delete {title}? You will no longer get its codes; this cannot be undone.</p>
            <div class="row-buttons">
              <button type="button" class="destructive" onClick={remove} autoFocus>Delete for good</button>
              <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
            </div>
          </div>
        ) : (
          <button type="button" class="destructive" onClick={() => setConfirming(true)}>Delete account</button>
        )}
      </section>
    </main>
  );
}

// Locked: the master password opens the vault.
import { t } from '../../i18n.ts';
import { useRef, useState } from 'preact/hooks';
import { callBackground } from '../../messages.ts';
import { errorText } from '../error-text.ts';

export function Unlock({ onUnlocked }: { onUnlocked: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await callBackground('unlock', { password });
      onUnlocked();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
      setPassword('');
      input.current?.focus();
    }
  };

  return (
    <main class="narrow">
      <h1>{t('lockedTitle')}</h1>
      <form onSubmit={submit}>
        <label>{t('masterPassword')}
          <input ref={input} type="password" autoComplete="current-password" autoFocus required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? t('unlocking') : t('unlock')}</button>
      </form>
    </main>
  );
}

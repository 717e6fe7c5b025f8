// Locked: the master password opens the vault.
import { t } from '../../i18n.ts';
import { useRef, useState } from 'preact/hooks';
import { callBackground } from '../../messages.ts';
import { useAction } from '../hooks/use-action.ts';

export function Unlock({ onUnlocked }: { onUnlocked: () => void }) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const unlocked = await run(async () => {
      await callBackground('unlock', { password });
      onUnlocked();
    }, { leavesScreen: true });
    if (!unlocked) {
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

// First run: choose the master password that protects the vault, or join a vault synced from another browser.
import { t } from '../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground } from '../../messages.ts';
import { PasswordStrength } from '../components/PasswordStrength.tsx';
import { useAction } from '../hooks/use-action.ts';
import { SyncSection } from './settings/SyncSection.tsx';

export function CreateVault({ onCreated }: { onCreated: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useAction();
  const [joining, setJoining] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (password !== confirm) { setError(t('passwordsDoNotMatch')); return; }
    await run(async () => {
      await callBackground('createVault', { password });
      onCreated();
    }, { leavesScreen: true });
  };

  if (joining) {
    return (
      <main class="narrow">
        <SyncSection joinOnly onJoined={onCreated} />
        <button type="button" onClick={() => setJoining(false)}>{t('syncCreateInstead')}</button>
      </main>
    );
  }

  return (
    <main class="narrow">
      <h1>{t('createTitle')}</h1>
      <p>{t('createIntro')}</p>
      <form onSubmit={submit}>
        <label>{t('masterPassword')}
          <input type="password" autoComplete="new-password" autoFocus required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <PasswordStrength password={password} />
        <label>{t('confirmMasterPassword')}
          <input type="password" autoComplete="new-password" required value={confirm}
            onInput={(e) => setConfirm(e.currentTarget.value)} />
        </label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? t('creating') : t('createVault')}</button>
      </form>
      <p class="hint">{t('syncJoinHint')}</p>
      <button type="button" onClick={() => setJoining(true)}>{t('syncJoinFirstRun')}</button>
    </main>
  );
}

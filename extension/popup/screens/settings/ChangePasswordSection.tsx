// Change master password: the background rewraps the one data key.
import { t } from '../../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground } from '../../../messages.ts';
import { PasswordStrength } from '../../components/PasswordStrength.tsx';
import { useAction } from '../../hooks/use-action.ts';

export function ChangePasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [changed, setChanged] = useState(false);
  const { busy, error, setError, run } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setChanged(false);
    if (next !== confirm) { setError(t('newPasswordsDoNotMatch')); return; }
    await run(async () => {
      await callBackground('changeMasterPassword', { current, next });
      setCurrent(''); setNext(''); setConfirm('');
      setChanged(true);
    });
  };

  return (
    <section aria-labelledby="pw-title">
      <h2 id="pw-title">{t('masterPassword')}</h2>
      <form onSubmit={submit} class="stack">
        <label>{t('currentMasterPassword')}
          <input type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <label>{t('newMasterPassword')}
          <input type="password" autoComplete="new-password" required value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </label>
        <PasswordStrength password={next} />
        <label>{t('confirmNewMasterPassword')}
          <input type="password" autoComplete="new-password" required value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
        </label>
        {changed && <p role="status" class="notice">{t('masterPasswordChanged')}</p>}
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" disabled={busy}>{t('changeMasterPassword')}</button>
      </form>
    </section>
  );
}

// Change master password: the background rewraps the one data key.
import { t } from '../../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground } from '../../../messages.ts';
import { PasswordStrength } from '../../components/PasswordStrength.tsx';
import { errorText } from '../../error-text.ts';

export function ChangePasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (next !== confirm) { setStatus({ ok: false, text: t('newPasswordsDoNotMatch') }); return; }
    setBusy(true);
    try {
      await callBackground('changeMasterPassword', { current, next });
      setCurrent(''); setNext(''); setConfirm('');
      setStatus({ ok: true, text: t('masterPasswordChanged') });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
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
        {status && <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'notice' : 'error'}>{status.text}</p>}
        <button type="submit" disabled={busy}>{t('changeMasterPassword')}</button>
      </form>
    </section>
  );
}

// Change master password: the background rewraps the one data key.
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
    if (next !== confirm) { setStatus({ ok: false, text: 'The new passwords do not match' }); return; }
    setBusy(true);
    try {
      await callBackground('changeMasterPassword', { current, next });
      setCurrent(''); setNext(''); setConfirm('');
      setStatus({ ok: true, text: 'Master password changed.' });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="pw-title">
      <h2 id="pw-title">Master password</h2>
      <form onSubmit={submit} class="stack">
        <label>Current master password
          <input type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <label>New master password
          <input type="password" autoComplete="new-password" required value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </label>
        <PasswordStrength password={next} />
        <label>Confirm new master password
          <input type="password" autoComplete="new-password" required value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
        </label>
        {status && <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'notice' : 'error'}>{status.text}</p>}
        <button type="submit" disabled={busy}>Change master password</button>
      </form>
    </section>
  );
}

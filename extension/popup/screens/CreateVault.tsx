// First run: choose the master password that protects the vault.
import { useState } from 'preact/hooks';
import { callBackground } from '../../messages.ts';
import { PasswordStrength } from '../components/PasswordStrength.tsx';
import { errorText } from '../error-text.ts';

export function CreateVault({ onCreated }: { onCreated: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (password !== confirm) { setError('The passwords do not match'); return; }
    setBusy(true);
    setError('');
    try {
      await callBackground('createVault', { password });
      onCreated();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <main class="narrow">
      <h1>Welcome to Keyfob</h1>
      <p>Choose a master password. It encrypts your accounts and cannot be recovered if you forget it.</p>
      <form onSubmit={submit}>
        <label>Master password
          <input type="password" autoComplete="new-password" autoFocus required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <PasswordStrength password={password} />
        <label>Confirm master password
          <input type="password" autoComplete="new-password" required value={confirm}
            onInput={(e) => setConfirm(e.currentTarget.value)} />
        </label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Creating…' : 'Create vault'}</button>
      </form>
    </main>
  );
}

// Settings → Sync → Rotate sync key: says what an old key file still opens, asks the master password (the new key
// file is wrapped under it and the new kit), and hands the new kit up to be shown once, like turning sync on. The same
// rotation removes a browser from the device list: without the new kit it can read nothing written after it.
import { useState } from 'preact/hooks';
import { t } from '../../../i18n.ts';
import { callBackground, type SyncView } from '../../../messages.ts';
import { useAction } from '../../hooks/use-action.ts';

export interface RotateSyncKeyProps {
  onRotated: (kit: string, view: SyncView) => void;
  /** "Remove this browser": the device's name, shown open with what removing it does. */
  removing?: string | null;
}

export function RotateSyncKey({ onRotated, removing = null }: RotateSyncKeyProps) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const { kit, view } = await callBackground('rotateSyncKey', { masterPassword: password });
      setPassword('');
      onRotated(kit, view);
    });
  };

  return (
    <details class="rotate-sync-key" open={removing !== null}>
      <summary>{removing === null ? t('syncRotate') : t('syncRemoveDeviceLabel', removing)}</summary>
      <p class="hint" data-testid="rotate-hint">{removing === null ? t('syncRotateHint') : t('syncRemoveDeviceHint', removing)}</p>
      <form class="stack" onSubmit={submit}>
        <label>{t('masterPassword')}
          <input type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" class="destructive" disabled={busy}>
          {busy ? t('syncRunning') : removing === null ? t('syncRotate') : t('syncRemoveDeviceLabel', removing)}
        </button>
      </form>
    </details>
  );
}

// Auto-lock time, autofill mode and "Submit after filling"; each change is saved at once.
import { useState } from 'preact/hooks';
import { callBackground, type AutofillMode, type Settings } from '../../../messages.ts';
import { errorText } from '../../error-text.ts';

const LOCK_CHOICES = [1, 5, 15, 30, 60, 240];
const MODES: { value: AutofillMode; label: string; hint: string }[] = [
  { value: 'automatic', label: 'Automatic', hint: 'fill when exactly one account matches the site' },
  { value: 'on-click', label: 'On click', hint: 'fill when you click the key in the field' },
  { value: 'off', label: 'Off', hint: 'never fill; copy codes from here' },
];

export function PreferencesSection({ settings, onSettings }: { settings: Settings; onSettings: (s: Settings) => void }) {
  const [status, setStatus] = useState('');
  const update = async (patch: Partial<Settings>) => {
    try {
      const r = await callBackground('updateSettings', { patch });
      onSettings(r.settings);
      setStatus('Saved.');
    } catch (err) {
      setStatus(errorText(err));
    }
  };
  const lockChoices = LOCK_CHOICES.includes(settings.autoLockMinutes) ? LOCK_CHOICES : [...LOCK_CHOICES, settings.autoLockMinutes].sort((a, b) => a - b);

  return (
    <section class="stack" aria-labelledby="prefs-title">
      <h2 id="prefs-title">Preferences</h2>
      <label>Auto-lock after
        <select value={String(settings.autoLockMinutes)} onChange={(e) => void update({ autoLockMinutes: Number(e.currentTarget.value) })}>
          {lockChoices.map((m) => <option key={m} value={String(m)}>{m < 60 ? `${m} min` : `${m / 60} h`} idle</option>)}
        </select>
      </label>
      <fieldset>
        <legend>Autofill</legend>
        {MODES.map((m) => (
          <label key={m.value} class="choice">
            <input type="radio" name="autofill" value={m.value} checked={settings.autofillMode === m.value}
              onChange={() => void update({ autofillMode: m.value })} />
            {m.label} <span class="hint">— {m.hint}</span>
          </label>
        ))}
      </fieldset>
      <label class="choice">
        <input type="checkbox" checked={settings.submitAfterFill} onChange={(e) => void update({ submitAfterFill: e.currentTarget.checked })} />
        Submit after filling
      </label>
      <p role="status" class="hint">{status}</p>
    </section>
  );
}

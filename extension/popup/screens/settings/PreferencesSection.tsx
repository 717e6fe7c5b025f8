// Auto-lock time, autofill mode and "Submit after filling"; each change is saved at once.
import { t, type MessageKey } from '../../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground, type AutofillMode, type Settings } from '../../../messages.ts';
import { errorText } from '../../error-text.ts';

const LOCK_CHOICES = [1, 5, 15, 30, 60, 240];
const MODES: { value: AutofillMode; label: MessageKey; hint: MessageKey }[] = [
  { value: 'automatic', label: 'modeAutomatic', hint: 'modeAutomaticHint' },
  { value: 'on-click', label: 'modeOnClick', hint: 'modeOnClickHint' },
  { value: 'off', label: 'modeOff', hint: 'modeOffHint' },
];

export function PreferencesSection({ settings, onSettings }: { settings: Settings; onSettings: (s: Settings) => void }) {
  const [status, setStatus] = useState('');
  const update = async (patch: Partial<Settings>) => {
    try {
      const r = await callBackground('updateSettings', { patch });
      onSettings(r.settings);
      setStatus(t('saved'));
    } catch (err) {
      setStatus(errorText(err));
    }
  };
  const lockChoices = LOCK_CHOICES.includes(settings.autoLockMinutes) ? LOCK_CHOICES : [...LOCK_CHOICES, settings.autoLockMinutes].sort((a, b) => a - b);

  return (
    <section class="stack" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('preferences')}</h2>
      <label>{t('autoLockAfter')}
        <select value={String(settings.autoLockMinutes)} onChange={(e) => void update({ autoLockMinutes: Number(e.currentTarget.value) })}>
          {lockChoices.map((m) => <option key={m} value={String(m)}>{m < 60 ? t('idleMinutes', m) : t('idleHours', m / 60)}</option>)}
        </select>
      </label>
      <fieldset>
        <legend>{t('autofill')}</legend>
        {MODES.map((m) => (
          <label key={m.value} class="choice">
            <input type="radio" name="autofill" value={m.value} checked={settings.autofillMode === m.value}
              onChange={() => void update({ autofillMode: m.value })} />
            {t(m.label)} <span class="hint">— {t(m.hint)}</span>
          </label>
        ))}
      </fieldset>
      <label class="choice">
        <input type="checkbox" checked={settings.submitAfterFill} onChange={(e) => void update({ submitAfterFill: e.currentTarget.checked })} />
        {t('submitAfterFill')}
      </label>
      <p role="status" class="hint">{status}</p>
    </section>
  );
}

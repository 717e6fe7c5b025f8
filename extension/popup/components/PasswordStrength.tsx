// Strength feedback for a new master password, using the very rule the background enforces (weak_password).
import { t, type MessageKey } from '../../i18n.ts';
import { judgePassword } from '../../../src/shared/password-policy.ts';
import { reasonText } from '../reason-text.ts';

const LEVELS: readonly MessageKey[] = ['strengthTooShort', 'strengthWeak', 'strengthFair', 'strengthGood', 'strengthStrong'];

export interface Strength { score: 0 | 1 | 2 | 3 | 4; label: string }

export function rateMasterPassword(password: string): Strength {
  const verdict = judgePassword(password);
  if (!verdict.ok) {
    const level = t(password.length < 8 ? 'strengthTooShort' : 'strengthWeak');
    const why = reasonText(verdict.why);
    return { score: password.length < 8 ? 0 : 1, label: why ? t('strengthWithReason', level, why) : level };
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  // Accepted passwords start at Fair; length and variety earn the rest.
  const score = Math.min(4, 2 + (password.length >= 16 ? 1 : 0) + (classes >= 3 && password.length >= 12 ? 1 : 0));
  const label = t(LEVELS[score] ?? 'strengthStrong');
  return { score: score as Strength['score'], label: score < 3 ? t('strengthLongerSafer', label) : label };
}

export function PasswordStrength({ password }: { password: string }) {
  if (!password) return null;
  const { score, label } = rateMasterPassword(password);
  return (
    <div class="strength" data-score={score}>
      <meter min={0} max={4} low={2} high={3} optimum={4} value={score} aria-hidden="true" />
      <span aria-live="polite" data-testid="password-strength">{t('strengthLabel', label)}</span>
    </div>
  );
}

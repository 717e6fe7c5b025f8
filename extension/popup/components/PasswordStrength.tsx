// Strength feedback for a new master password (the background has the final say: weak_password).

export interface Strength { score: 0 | 1 | 2 | 3 | 4; label: string }

export function rateMasterPassword(password: string): Strength {
  if (password.length < 8) return { score: 0, label: 'Too short: use at least 8 characters' };
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (new Set(password).size < 5) return { score: 1, label: 'Weak: too many repeated characters' };
  let score = 1 + (password.length >= 12 ? 1 : 0) + (password.length >= 16 ? 1 : 0) + (classes >= 3 ? 1 : 0);
  if (score > 4) score = 4;
  const label = ['Too short', 'Weak', 'Fair', 'Good', 'Strong'][score] ?? 'Strong';
  return { score: score as Strength['score'], label: `${label}${score < 3 ? ': a longer passphrase is safer' : ''}` };
}

export function PasswordStrength({ password }: { password: string }) {
  if (!password) return null;
  const { score, label } = rateMasterPassword(password);
  return (
    <div class="strength" data-score={score}>
      <meter min={0} max={4} low={2} high={3} optimum={4} value={score} aria-hidden="true" />
      <span aria-live="polite" data-testid="password-strength">Strength: {label}</span>
    </div>
  );
}

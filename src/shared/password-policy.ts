// Decides whether a master or backup password is strong enough: the background enforces it, the popup previews it.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

// The handful that every guessing list starts with; the class rule below catches most of the rest.
const COMMON = new Set(['password', 'password1', 'password123', '12345678', '123456789', '1234567890', 'qwertyuiop',
  'qwerty123', 'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'abc12345', 'letmein1',
  'trustno1', '11111111', '00000000', 'passw0rd', 'p@ssw0rd', 'keyfob123', 'changeme']);

/** Why a password is refused, as data: each interface words it in its own language (`reason` stays the English). */
export type PasswordReason =
  | { code: 'password-too-short'; min: number }
  | { code: 'password-too-long'; max: number }
  | { code: 'password-too-common' }
  | { code: 'password-too-repetitive' }
  | { code: 'password-too-simple' };

export type PasswordVerdict = { ok: true } | { ok: false; reason: string; why: PasswordReason };

/**
 * At least 8 characters, not a well-known password, not mostly one character, and enough variety for its
 * length: under 12 characters needs three kinds (lower, upper, digits, symbols), under 16 needs two,
 * longer passphrases are accepted as they are.
 */
export function judgePassword(password: string): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, reason: `Use at least ${MIN_PASSWORD_LENGTH} characters`, why: { code: 'password-too-short', min: MIN_PASSWORD_LENGTH } };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, reason: `Use at most ${MAX_PASSWORD_LENGTH} characters`, why: { code: 'password-too-long', max: MAX_PASSWORD_LENGTH } };
  }
  if (COMMON.has(password.toLowerCase())) return { ok: false, reason: 'This password is too common', why: { code: 'password-too-common' } };
  if (new Set(password).size < 5) return { ok: false, reason: 'Use more different characters', why: { code: 'password-too-repetitive' } };
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  const needed = password.length < 12 ? 3 : password.length < 16 ? 2 : 1;
  if (kinds < needed) {
    return { ok: false, reason: 'Make it longer, or mix upper and lower case letters, digits and symbols', why: { code: 'password-too-simple' } };
  }
  return { ok: true };
}

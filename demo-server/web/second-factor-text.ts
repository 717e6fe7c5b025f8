// What the web pages tell a user about their codes: wrong, already used, locked (setup and sign-in word it differently).
export const badSignInCode = 'That code is not valid. Check your authenticator app and try again.';
export const badSetupCode = 'That code is not valid. Check the time on your device and enter the current code.';
export const usedCode = 'That code was already used. Wait for the next one.';

/** `recoveryCodeWorks`: on the sign-in challenge a recovery code gets through the lock (see codeKindPassesLock). */
export function lockedText(retryAfterSec: number | null, recoveryCodeWorks = false): string {
  if (recoveryCodeWorks) {
    return retryAfterSec === null
      ? 'Too many failed codes: authentication codes are locked. You can still sign in with one of your recovery codes, which lifts the lock; without one, contact an administrator.'
      : `Too many failed codes. Try again in ${Math.ceil(retryAfterSec / 60)} minutes, or sign in now with one of your recovery codes.`;
  }
  return retryAfterSec === null
    ? 'Too many failed codes: two-factor sign-in is locked. Contact an administrator.'
    : `Too many failed codes. Try again in ${Math.ceil(retryAfterSec / 60)} minutes.`;
}

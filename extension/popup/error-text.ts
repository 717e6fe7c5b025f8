// Turns errors from the background or the parsers into the words the popup shows.
import { t, type MessageKey } from '../i18n.ts';
import { BackgroundError, type ErrorCode } from '../messages.ts';

/**
 * Words for every code the background can answer with. A Record over the closed union, so a new code without words is
 * a compile error; the background's own message (English, it does not know the UI language) is never shown alone.
 */
export const ERROR_WORDS: Readonly<Record<ErrorCode, MessageKey>> = {
  invalid_request: 'errorInvalidRequest',
  forbidden: 'errorForbidden',
  internal: 'errorInternal',
  no_vault: 'errorNoVault',
  vault_exists: 'errorVaultExists',
  locked: 'errorLocked',
  wrong_password: 'errorWrongPassword',
  weak_password: 'errorWeakPassword',
  not_found: 'errorNotFound',
  invalid_account: 'errorInvalidAccount',
  invalid_backup: 'errorInvalidBackup',
  corrupt_record: 'errorCorruptRecord',
  no_answer: 'errorNoAnswer',
};

/**
 * Codes whose message carries specifics the popup cannot rebuild (which backup check failed and the KDF it refused,
 * the password policy's reason, what is wrong with an otpauth URI). They come from src/shared, which cannot reach
 * chrome.i18n, so they follow the translated words in English until those parsers return structured reasons.
 */
const WITH_DETAIL: ReadonlySet<string> = new Set<ErrorCode>(['weak_password', 'invalid_account', 'invalid_backup']);

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_WORDS, code);
}

export function errorText(err: unknown): string {
  if (err instanceof BackgroundError) {
    // An unknown code (e.g. a parser's code that escaped a handler) gets the generic words, not its English message.
    if (!isErrorCode(err.code)) return t('errorUnknown');
    const words = t(ERROR_WORDS[err.code]);
    return WITH_DETAIL.has(err.code) && err.message ? t('errorWithDetail', words, err.message) : words;
  }
  if (err instanceof Error && err.message) return err.message;
  return t('errorUnknown');
}

export function isLockedError(err: unknown): boolean {
  return err instanceof BackgroundError && (err.code === 'locked' || err.code === 'no_vault');
}

// Turns errors from the background or the parsers into the words the popup shows.
import { t, type MessageKey } from '../i18n.ts';
import { BackgroundError, type ErrorCode } from '../messages.ts';
import { reasonText } from './reason-text.ts';

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
  sync_exists: 'errorSyncExists',
  sync_offline: 'syncErrorOffline',
  sync_unauthorized: 'syncErrorUnauthorized',
  sync_forbidden: 'syncErrorForbidden',
  sync_quota: 'syncErrorQuota',
  sync_busy: 'syncErrorBusy',
  sync_server: 'syncErrorServer',
  sync_wrong_secret: 'syncErrorWrongSecret',
  sync_other_vault: 'syncErrorOtherVault',
  sync_no_key_file: 'syncErrorNoKeyFile',
};

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_WORDS, code);
}

/**
 * The code's words, then why in the same language when the error carries a reason the popup knows (weak_password,
 * invalid_account, invalid_backup). The English `message` is never shown: it is for logs and the CLI.
 */
export function errorText(err: unknown): string {
  if (err instanceof BackgroundError) {
    // An unknown code (e.g. a parser's code that escaped a handler) gets the generic words, not its English message.
    if (!isErrorCode(err.code)) return t('errorUnknown');
    const words = t(ERROR_WORDS[err.code]);
    const why = reasonText(err.reason);
    return why ? t('errorWithDetail', words, why) : words;
  }
  // The shared parsers run in the popup too (a pasted link, a scanned code): their reason is the whole sentence.
  if (err instanceof Error && 'reason' in err) {
    const why = reasonText(err.reason);
    if (why) return why;
  }
  if (err instanceof Error && err.message) return err.message;
  return t('errorUnknown');
}

export function isLockedError(err: unknown): boolean {
  return err instanceof BackgroundError && (err.code === 'locked' || err.code === 'no_vault');
}

// Turns errors from the background or the parsers into the words the popup shows.
import { t, type MessageKey } from '../i18n.ts';
import { BackgroundError } from '../messages.ts';

const WORDS: Partial<Record<string, MessageKey>> = {
  wrong_password: 'errorWrongPassword',
  locked: 'errorLocked',
  no_vault: 'errorNoVault',
  internal: 'errorInternal',
  vault_exists: 'errorVaultExists',
  corrupt_record: 'errorCorruptRecord',
};

export function errorText(err: unknown): string {
  if (err instanceof BackgroundError) {
    const key = WORDS[err.code];
    return key ? t(key) : err.message;
  }
  if (err instanceof Error && err.message) return err.message;
  return t('errorUnknown');
}

export function isLockedError(err: unknown): boolean {
  return err instanceof BackgroundError && (err.code === 'locked' || err.code === 'no_vault');
}

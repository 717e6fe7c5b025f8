// Turns errors from the background or the parsers into the words the popup shows.
import { BackgroundError } from '../messages.ts';

const WORDS: Record<string, string> = {
  wrong_password: 'Wrong password',
  locked: 'Keyfob is locked; unlock it first',
  no_vault: 'There is no vault yet',
  internal: 'Something went wrong inside Keyfob',
};

export function errorText(err: unknown): string {
  if (err instanceof BackgroundError) return WORDS[err.code] ?? err.message;
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong';
}

export function isLockedError(err: unknown): boolean {
  return err instanceof BackgroundError && (err.code === 'locked' || err.code === 'no_vault');
}

// Locking, the one way for both the Lock button and auto-lock: the data key, the account index in memory, every
// secret handed off in session storage, and the auto-lock alarm go together, so no lock path can forget one of them.
import { forgetKeys } from '../../../src/shared/index.ts';
import { alarms } from '../platform/browser-api.ts';
import { forgetAccountIndex } from './account-index.ts';
import { forgetUndo } from './bulk.ts';
import { forgetDataKey } from './session-key.ts';
import { forgetSessionSecrets } from './session-secrets.ts';
import { clearCopiedCodeNow } from '../clipboard/pending-clear.ts';
import { keepFilledOriginsOnly } from '../autofill/filled-steps.ts';

/** The auto-lock backstop alarm; auto-lock.ts arms it, locking clears it. */
export const AUTO_LOCK_ALARM = 'keyfob-auto-lock';

export async function lockVault(): Promise<void> {
  // The key first: once it is gone nothing can be decrypted, even if clearing the rest is interrupted.
  await forgetDataKey();
  forgetAccountIndex();
  forgetUndo();
  forgetKeys();
  // What must survive the lock (no code filled twice) is kept by origin only, before the full record goes.
  await keepFilledOriginsOnly(Date.now()).catch(() => undefined);
  await forgetSessionSecrets();
  await alarms.clear(AUTO_LOCK_ALARM);
  // A code copied from the popup leaves the clipboard with the lock, if the clipboard still holds it.
  // Best effort: the vault is locked whether or not the clipboard could be read.
  await clearCopiedCodeNow().catch(() => undefined);
}

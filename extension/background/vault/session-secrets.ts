// Forgets what Keyfob's parts handed each other in session storage (scanned secrets, recovery codes, which
// page asked for what), so that nothing readable outlives the unlocked vault.
import { SESSION_KEYS_CLEARED_AT_LOCK } from '../../session-keys.ts';
import { sessionStore } from '../platform/session-store.ts';

export async function forgetSessionSecrets(): Promise<void> {
  await Promise.all(SESSION_KEYS_CLEARED_AT_LOCK.map((key) => sessionStore.remove(key)));
}

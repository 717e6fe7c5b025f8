// Keeps the unlocked data key in chrome.storage.session: in memory only, gone when the browser closes,
// and still there when the service worker is killed and restarted (module variables are not).
import { base64ToBytes, bytesToBase64 } from '../../../src/shared/index.ts';
import { sessionStore } from '../platform/session-store.ts';
import { VaultError } from './errors.ts';

const KEY = 'vault.dataKey';

/**
 * The imported key while this worker lives, so a popup opening does not read the session and import the key again for
 * each of its messages. Only a cache of the session's copy: dropped before and after every change to that copy, so a
 * read that overlapped the change is not kept.
 */
let imported: Promise<CryptoKey> | null = null;
/** The cached import has succeeded: the vault is unlocked without asking the session. */
let importedOk = false;

function dropCache(): void {
  imported = null;
  importedOk = false;
}

/** `dataKey` must be extractable (as generated, or unwrapped with extractable: true). */
export async function rememberDataKey(dataKey: CryptoKey): Promise<void> {
  dropCache();
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', dataKey));
  await sessionStore.restrictToTrustedContexts();
  await sessionStore.set(KEY, bytesToBase64(raw));
  raw.fill(0);
  dropCache();
}

export async function forgetDataKey(): Promise<void> {
  dropCache();
  await sessionStore.remove(KEY);
  dropCache();
}

export async function hasDataKey(): Promise<boolean> {
  return importedOk || (await sessionStore.get<string>(KEY)) !== null;
}

/** The data key while unlocked, as a non-extractable key; throws VaultError('locked') otherwise. */
export function requireDataKey(): Promise<CryptoKey> {
  if (imported) return imported;
  const importing = importStoredKey();
  imported = importing;
  importing.then(
    () => { if (imported === importing) importedOk = true; },
    // Locked: nothing is kept, the next call looks again.
    () => { if (imported === importing) imported = null; },
  );
  return importing;
}

async function importStoredKey(): Promise<CryptoKey> {
  const stored = await sessionStore.get<string>(KEY);
  if (!stored) throw new VaultError('locked', 'Keyfob is locked; unlock it first');
  const raw = base64ToBytes(stored);
  try {
    return await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

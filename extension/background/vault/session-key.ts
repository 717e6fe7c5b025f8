// Keeps the unlocked data key in chrome.storage.session: in memory only, gone when the browser closes,
// and still there when the service worker is killed and restarted (module variables are not).
import { base64ToBytes, bytesToBase64 } from '../../../src/shared/index.ts';
import { sessionStore } from '../browser-api.ts';
import { VaultError } from './errors.ts';

const KEY = 'vault.dataKey';

/** `dataKey` must be extractable (as generated, or unwrapped with extractable: true). */
export async function rememberDataKey(dataKey: CryptoKey): Promise<void> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', dataKey));
  await sessionStore.restrictToTrustedContexts();
  await sessionStore.set(KEY, bytesToBase64(raw));
  raw.fill(0);
}

export async function forgetDataKey(): Promise<void> {
  await sessionStore.remove(KEY);
}

export async function hasDataKey(): Promise<boolean> {
  return (await sessionStore.get<string>(KEY)) !== null;
}

/** The data key while unlocked, as a non-extractable key; throws VaultError('locked') otherwise. */
export async function requireDataKey(): Promise<CryptoKey> {
  const stored = await sessionStore.get<string>(KEY);
  if (!stored) throw new VaultError('locked', 'Keyfob is locked; unlock it first');
  const raw = base64ToBytes(stored);
  try {
    return await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

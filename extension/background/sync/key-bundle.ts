// The one file on the backend that lets a new browser join: the vault's data key wrapped under the master password
// and the recovery kit together (PBKDF2 as for the vault itself). Nothing else in it; the backend learns no more.
import { checkImportKdf, unwrapKey, VaultCryptoError, wrapKey, type WrappedKey } from '../../../src/shared/index.ts';
import { CodedError } from '../../../src/shared/coded-error.ts';
import { syncSecret } from '../../../src/shared/sync/recovery-kit.ts';

export const KEY_BUNDLE_FILE = 'key';

interface KeyBundle {
  format: 1;
  wrappedKey: WrappedKey;
}

export async function writeKeyBundle(dataKey: CryptoKey, masterPassword: string, kit: string): Promise<string> {
  const bundle: KeyBundle = { format: 1, wrappedKey: await wrapKey(dataKey, syncSecret(masterPassword, kit)) };
  return JSON.stringify(bundle);
}

export type KeyBundleFailure = 'wrong-secret' | 'malformed';

export class KeyBundleError extends CodedError<KeyBundleFailure> {
  override name = 'KeyBundleError';
}

/** The data key (extractable, to be rewrapped for this browser); a wrong password or kit is told apart from a damaged file. */
export async function openKeyBundle(text: string, masterPassword: string, kit: string): Promise<CryptoKey> {
  let bundle: Partial<KeyBundle>;
  try {
    bundle = JSON.parse(text) as Partial<KeyBundle>;
  } catch {
    throw new KeyBundleError('malformed', 'The synced key file is not readable.');
  }
  if (bundle?.format !== 1 || typeof bundle.wrappedKey !== 'object' || bundle.wrappedKey === null) {
    throw new KeyBundleError('malformed', 'The synced key file is not one Keyfob wrote.');
  }
  // The server chose this file: it gets the cap an imported backup gets (twice what Keyfob writes), checked before any
  // derivation, so a hostile server cannot freeze the worker with 10,000,000 PBKDF2 iterations.
  try {
    checkImportKdf(bundle.wrappedKey.kdf);
  } catch (err) {
    throw new KeyBundleError('malformed', `The synced key file asks for too costly a key derivation. ${err instanceof Error ? err.message : ''}`.trim());
  }
  try {
    return await unwrapKey(bundle.wrappedKey, syncSecret(masterPassword, kit), { extractable: true });
  } catch (err) {
    if (err instanceof VaultCryptoError && (err.code === 'wrong-password' || err.code === 'bad-password')) {
      throw new KeyBundleError('wrong-secret', 'The master password or the recovery kit is not the one this vault was synced with.');
    }
    throw new KeyBundleError('malformed', 'The synced key file is damaged.');
  }
}

// The sync key that pairs a user's browsers: 128 random bits, written as 26 base32 characters for a printed kit.
// Together with the master password it unwraps the vault's data key from the sync backend; either alone does not,
// so whoever runs the backend cannot guess a weak master password offline (the kit adds 128 bits it never sees).
import { base32Decode, base32Encode } from '../base32.ts';
import { CodedError } from '../coded-error.ts';

export const SYNC_KIT_LENGTH = 26;
const KIT_BYTES = 16;

export class SyncKitError extends CodedError<'kit-length' | 'kit-character'> {
  override name = 'SyncKitError';
}

/** A fresh sync key as its 26-character text. */
export function newSyncKit(): string {
  return base32Encode(crypto.getRandomValues(new Uint8Array(KIT_BYTES)));
}

/**
 * The canonical text of a kit typed or pasted by a person: case, spaces and hyphens do not matter; O/0 and I/1 are
 * not confused silently (0 and 1 are not base32, so they are an error rather than a guess).
 */
export function normaliseSyncKit(input: string): string {
  const cleaned = input.replace(/[\s-]/g, '').toUpperCase();
  if (cleaned.length !== SYNC_KIT_LENGTH) {
    throw new SyncKitError('kit-length', `A recovery kit has ${SYNC_KIT_LENGTH} characters; this has ${cleaned.length}.`);
  }
  if (/[^A-Z2-7]/.test(cleaned)) throw new SyncKitError('kit-character', 'A recovery kit uses only the letters A–Z and the digits 2–7.');
  // 26 characters carry 130 bits: the last two must be zero in a kit Keyfob wrote, so a typo there is caught too.
  if (base32Encode(base32Decode(cleaned)) !== cleaned) throw new SyncKitError('kit-character', 'The last character of this kit cannot be right.');
  return cleaned;
}

/** The kit in groups of four, as printed and shown: easier to copy by hand than one run of 26. */
export function formatSyncKit(kit: string): string {
  return (normaliseSyncKit(kit).match(/.{1,4}/g) ?? []).join('-');
}

/** What the KDF receives: the kit is bound into the password so the key needs both; the label keeps it apart from a plain master password. */
export function syncSecret(masterPassword: string, kit: string): string {
  return `keyfob-sync-v1\u0000${normaliseSyncKit(kit)}\u0000${masterPassword}`;
}

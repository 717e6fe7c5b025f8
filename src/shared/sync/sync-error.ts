// The one error type of the sync core, with a code per way a record or manifest can be refused.
import { CodedError } from '../coded-error.ts';

export type SyncErrorCode =
  /** A record id that cannot name a file (ids are 1 to 128 letters, digits, - or _). */
  | 'bad-id'
  /** Two records with different ids were asked to merge: a bug in the caller, never data. */
  | 'different-ids'
  /** Not a sealed sync file, or its plaintext is not a well-formed record or manifest. */
  | 'malformed'
  /** The ciphertext was altered, or sealed under another key. */
  | 'tampered'
  /** Sealed for another record id (or a record passed off as the manifest): a file swapped on the backend. */
  | 'wrong-record'
  /** Written by a newer Keyfob whose format this build does not know. */
  | 'unsupported-version'
  /** The account inside is not one Keyfob can use (bad secret, digits…). */
  | 'invalid-account'
  /** A clock far ahead of this device's: its writer's clock is broken (see hlc.ts). */
  | 'future-clock';

export class SyncError extends CodedError<SyncErrorCode> {
  override name = 'SyncError';
}

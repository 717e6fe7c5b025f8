// The one error type of the vault crypto primitives, with a code per way opening or sealing can fail.
import { CodedError } from './coded-error.ts';

export type VaultCryptoErrorCode =
  /** The password does not match the envelope's key-check value. */
  | 'wrong-password'
  /** The ciphertext, IV or tag was altered (authentication failed under the right key and context). */
  | 'tampered'
  /** The data was sealed for a different context (additional authenticated data). */
  | 'wrong-context'
  /** The envelope says a version this build does not know: written by a newer Keyfob. */
  | 'unsupported-version'
  /** The envelope names a key derivation this build does not know, or parameters outside safe bounds. */
  | 'unsupported-kdf'
  /** Not an envelope at all: missing fields, wrong types, bad base64, wrong lengths. */
  | 'malformed'
  /** Empty or absurdly long password. */
  | 'bad-password'
  /** Plaintext or envelope larger than the vault will ever need. */
  | 'too-large'
  /** WebCrypto is missing or refused the operation. */
  | 'crypto-failed';

export class VaultCryptoError extends CodedError<VaultCryptoErrorCode> {
  override name = 'VaultCryptoError';
}

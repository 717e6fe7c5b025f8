// The memory-hard key derivations an import needs, supplied by the caller so the shared core bundles no WebAssembly.
import type { Argon2idHash } from '../password-kdf.ts';
import { ImportError } from './types.ts';

/** One scrypt hash (RFC 7914) of `password`, `length` bytes out. */
export type ScryptHash = (input: { password: Uint8Array; salt: Uint8Array; n: number; r: number; p: number; length: number }) => Promise<Uint8Array>;

/** What a caller may supply; a file that needs a missing one is refused with 'engine-missing'. */
export interface ImportEngines {
  argon2id?: Argon2idHash;
  scrypt?: ScryptHash;
}

/** Where an import is up to, for a progress line ("Deriving the key…"); the KDF itself reports no finer steps. */
export type ImportStage = 'deriving-key' | 'decrypting' | 'reading-entries';

export interface ImportOptions {
  password?: string;
  engines?: ImportEngines;
  onProgress?: (stage: ImportStage) => void;
}

export function requireArgon2id(engines: ImportEngines | undefined): Argon2idHash {
  if (!engines?.argon2id) throw new ImportError('engine-missing', 'Argon2id is not available here.');
  return engines.argon2id;
}

export function requireScrypt(engines: ImportEngines | undefined): ScryptHash {
  if (!engines?.scrypt) throw new ImportError('engine-missing', 'scrypt is not available here.');
  return engines.scrypt;
}

/** The password, or 'password-required' when the file needs one and none was given. */
export function requirePassword(options: ImportOptions): string {
  if (typeof options.password !== 'string' || options.password.length === 0) {
    throw new ImportError('password-required', 'This file is encrypted: enter the password it was exported with.');
  }
  if (options.password.length > 4096) throw new ImportError('wrong-password', 'The password is longer than 4096 characters.');
  return options.password;
}

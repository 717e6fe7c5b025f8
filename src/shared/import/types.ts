// The one result shape every import parser returns: each entry imported or reported with a coded reason.
import type { OtpauthReason } from '../otpauth.ts';
import type { OtpAlgorithm } from '../types.ts';
import { CodedError } from '../coded-error.ts';

/** The apps (and Keyfob's own text formats) whose export files Keyfob reads. */
export type ImportFormat =
  | 'aegis'
  | 'two-fas'
  | 'ente'
  | 'bitwarden-json'
  | 'bitwarden-csv'
  | 'bitwarden-protected'
  | 'bitwarden-account-restricted'
  | 'authenticator-extension'
  | 'andotp'
  | 'freeotp-plus'
  | 'lastpass'
  | 'proton'
  | 'authenticator-pro'
  | 'otpauth-list'
  | 'google-migration';

/** What an imported account may be: the code types Keyfob generates. */
export type ImportedType = 'totp' | 'hotp' | 'steam';

/** One account read from a file, with what the old app knew about it beyond the code parameters. */
export interface ImportedAccount {
  type: ImportedType;
  issuer: string;
  account: string;
  /** Base32, upper case, no padding (validated like a pasted otpauth:// link). */
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
  /** Group, folder or tag names (the old app's words, not its ids). */
  groups: string[];
  favorite: boolean;
  note: string;
  /** A web address the old app kept with the account (Bitwarden login.uris, 2FAS link): offered, never applied. */
  url: string | null;
  /** The image the old app showed for the account (Aegis), as the file holds it: converted by the import page or dropped. */
  icon?: ImportedIcon;
}

/** An icon's bytes exactly as a file carries them, unchecked beyond type and size: never stored as they are. */
export interface ImportedIcon {
  mime: 'image/png' | 'image/jpeg' | 'image/svg+xml';
  /** Standard base64 of the image file's bytes. */
  base64: string;
}

/** Why one entry of a file was not imported, as data for each interface to word. */
export type EntrySkipReason =
  /** A code type Keyfob does not generate (mOTP, Yandex, Battle.net with an unknown layout, …), by its name in the file. */
  | { code: 'unsupported-type'; type: string }
  /** A hash Keyfob does not generate codes with (MD5, GOST…). */
  | { code: 'unsupported-algorithm'; algorithm: string }
  /** A field is missing or of the wrong kind (no secret, a number where text belongs, …). */
  | { code: 'malformed-entry'; field: string }
  /** This entry alone could not be decrypted (per-entry encryption in the file). */
  | { code: 'undecryptable-entry' }
  /** The old app keeps it in its trash (Ente): the user deleted it there, so it does not come back here. */
  | { code: 'in-trash' }
  /** The values are there but Keyfob's checks refused them: bad base32, 5 digits, a period of 0, … */
  | { code: 'invalid-entry'; otpauth: OtpauthReason };

export interface SkippedEntry {
  /** 0-based position of the entry in the file. */
  index: number;
  /** How the old app named it ("GitHub (ada)"), or "entry 12" when it names nothing. */
  name: string;
  reason: EntrySkipReason;
  /** English, for logs and the CLI. */
  message: string;
}

export interface ImportResult {
  format: ImportFormat;
  /** The app's name as people know it ("Aegis", "2FAS"). */
  app: string;
  encrypted: boolean;
  accounts: ImportedAccount[];
  skipped: SkippedEntry[];
  /**
   * Items the file holds that are not authenticator entries at all (Bitwarden logins without a TOTP secret): counted,
   * so the summary can say they were seen, not listed one by one.
   */
  otherItems: number;
}

/** What the content of a file says before any password is asked for. */
export interface DetectedFile {
  format: ImportFormat;
  app: string;
  encrypted: boolean;
  /** How many entries the file holds, when that is readable without the password (null otherwise). */
  entries: number | null;
}

export type ImportErrorCode =
  /** Not a file of any format Keyfob reads. */
  | 'unrecognised-format'
  /** The right kind of file but damaged: truncated, missing fields, bad base64, wrong lengths. */
  | 'malformed-file'
  /** Larger than any real export. */
  | 'too-large'
  /** The file is encrypted and no password was given. */
  | 'password-required'
  | 'wrong-password'
  /** The password was right but the data was altered (authentication failed after the password check passed). */
  | 'tampered'
  /** The file asks for key-derivation work beyond IMPORT_FILE_KDF_LIMITS: refused before deriving. */
  | 'kdf-too-costly'
  /** A key derivation or cipher the file names that Keyfob does not implement. */
  | 'unsupported-encryption'
  /** A Bitwarden export encrypted with that account's own key: only that Bitwarden account can open it. */
  | 'account-restricted'
  /** A version of the format newer than the parsers know. */
  | 'unsupported-version'
  /** A key derivation this environment cannot run (Argon2id or scrypt not supplied by the caller). */
  | 'engine-missing';

export class ImportError extends CodedError<ImportErrorCode> {
  override name = 'ImportError';
}

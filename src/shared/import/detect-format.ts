// Recognises an import file from its content (never its name): which app wrote it, whether it is encrypted, how many entries.
import { aegisReader } from './aegis.ts';
import { andOtpReader } from './andotp.ts';
import { authenticatorExtensionReader } from './authenticator-extension.ts';
import { authenticatorProReader } from './authenticator-pro.ts';
import { bitwardenReader } from './bitwarden.ts';
import { enteReader } from './ente.ts';
import { readFileInput, type FileInput } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { freeOtpPlusReader } from './freeotp-plus.ts';
import { lastPassReader } from './lastpass.ts';
import { otpauthListReader } from './otpauth-list.ts';
import { protonReader } from './proton.ts';
import { twoFasReader } from './two-fas.ts';
import { ImportError, type DetectedFile } from './types.ts';

/**
 * Most specific first: Ente's plain export is an otpauth list with codeDisplay, so it is looked for before the plain
 * list; andOTP's encrypted file has no magic bytes at all, so it comes last, as "any other binary file".
 */
const READERS: readonly FormatReader[] = [
  aegisReader,
  twoFasReader,
  enteReader,
  bitwardenReader,
  authenticatorProReader,
  freeOtpPlusReader,
  lastPassReader,
  protonReader,
  andOtpReader,
  authenticatorExtensionReader,
  otpauthListReader,
];

/** The reader for a file and what it says about itself; throws ImportError('unrecognised-format') for anything else. */
export function findReader(input: FileInput): { reader: FormatReader; detected: DetectedFile } {
  for (const reader of READERS) {
    const detected = reader.detect(input);
    if (detected) return { reader, detected };
  }
  throw new ImportError('unrecognised-format', 'Keyfob does not recognise this file as an export of any authenticator it reads.');
}

/** What a file is, before any password: "Aegis vault, encrypted, 63 entries". */
export function detectFormat(bytes: Uint8Array): DetectedFile {
  return findReader(readFileInput(bytes)).detected;
}

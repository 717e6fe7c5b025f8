// Words for what the import page shows: the detected file, each skipped entry's reason and each file-level refusal.
import { plural, t, type MessageKey } from '../i18n.ts';
import type { DetectedFile, EntrySkipReason, ImportErrorCode, SkippedEntry } from '../../src/shared/import/index.ts';
import { reasonText } from '../popup/reason-text.ts';

/** "Aegis export, encrypted, 63 entries", or without a count when the file keeps it encrypted. */
export function detectedText(d: DetectedFile): string {
  const state = t(d.encrypted ? 'importStateEncrypted' : 'importStateNotEncrypted');
  return d.entries === null ? t('importDetectedNoCount', d.app, state) : plural('importDetected', d.entries, d.app, state);
}

function skipReasonText(r: EntrySkipReason): string {
  switch (r.code) {
    case 'unsupported-type': return t('importSkipUnsupportedType', r.type);
    case 'unsupported-algorithm': return t('importSkipUnsupportedAlgorithm', r.algorithm);
    case 'malformed-entry': return t('importSkipMalformed', r.field);
    case 'undecryptable-entry': return t('importSkipUndecryptable');
    case 'in-trash': return t('importSkipInTrash');
    case 'invalid-entry': return t('importSkipInvalid', reasonText(r.otpauth) ?? t('errorInvalidAccount'));
  }
}

/** One line of the summary: the entry's name and why it was not imported. */
export function skippedLine(s: SkippedEntry): string {
  return t('importSkippedLine', s.name, skipReasonText(s.reason));
}

/** Every file-level code has words: a Record over the closed union, so a new code without words is a compile error. */
const IMPORT_ERROR_WORDS: Readonly<Record<ImportErrorCode, MessageKey>> = {
  'unrecognised-format': 'importErrorUnrecognised',
  'malformed-file': 'importErrorMalformed',
  'too-large': 'importErrorTooLarge',
  'password-required': 'importErrorPasswordRequired',
  'wrong-password': 'importErrorWrongPassword',
  tampered: 'importErrorTampered',
  'kdf-too-costly': 'importErrorKdfTooCostly',
  'unsupported-encryption': 'importErrorUnsupportedEncryption',
  'account-restricted': 'importErrorAccountRestricted',
  'unsupported-version': 'importErrorUnsupportedVersion',
  'engine-missing': 'importErrorEngineMissing',
};

export function importErrorText(code: ImportErrorCode): string {
  return t(IMPORT_ERROR_WORDS[code]);
}

// Imports the export file of another authenticator: detect the format, decrypt when needed, read every entry.
import { findReader } from './detect-format.ts';
import type { ImportOptions } from './engines.ts';
import { readFileInput } from './file-input.ts';
import type { ImportResult } from './types.ts';

export { detectFormat } from './detect-format.ts';
export { IMPORT_FILE_KDF_LIMITS } from './kdf-limits.ts';
export { MAX_IMPORT_FILE_BYTES } from './file-input.ts';
export type { ImportEngines, ImportOptions, ImportStage, ScryptHash } from './engines.ts';
export {
  ImportError,
  type DetectedFile,
  type EntrySkipReason,
  type ImportedAccount,
  type ImportedType,
  type ImportErrorCode,
  type ImportFormat,
  type ImportResult,
  type SkippedEntry,
} from './types.ts';

/**
 * Reads a whole export file. File-level failures (wrong password, damaged file, KDF cost refused) throw ImportError;
 * per-entry problems are in `skipped`, each with its reason, so nothing is dropped without a line.
 */
export async function importFile(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const input = readFileInput(bytes);
  const { reader } = findReader(input);
  return reader.read(input, options);
}

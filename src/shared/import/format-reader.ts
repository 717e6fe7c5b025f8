// The shape every format module exports: a cheap look at the content, and the full read (decrypting when needed).
import type { ImportOptions } from './engines.ts';
import type { FileInput } from './file-input.ts';
import type { DetectedFile, ImportResult } from './types.ts';

export interface FormatReader {
  /** Whether the content is this format, and what it says about itself, without a password. */
  detect(input: FileInput): DetectedFile | null;
  /** Reads every entry; throws ImportError for the file as a whole (wrong password, damaged…). */
  read(input: FileInput, options: ImportOptions): Promise<ImportResult>;
}

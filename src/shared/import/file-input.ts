// Reads an import file's bytes once: as text and as JSON when it is either, so each format's check is a cheap look.
import { ImportError } from './types.ts';

/** Far above any real export (10,000 Aegis entries are about 3 MB). */
export const MAX_IMPORT_FILE_BYTES = 32 * 1024 * 1024;

export interface FileInput {
  bytes: Uint8Array;
  /** The UTF-8 text without a byte-order mark; null for binary files. */
  text: string | null;
  /** The parsed JSON; undefined when the text is not JSON. */
  json: unknown;
}

export function readFileInput(bytes: Uint8Array): FileInput {
  if (!(bytes instanceof Uint8Array)) throw new ImportError('unrecognised-format', 'Expected the file\'s bytes.');
  if (bytes.length > MAX_IMPORT_FILE_BYTES) {
    throw new ImportError('too-large', `The file is ${bytes.length} bytes; an export is at most ${MAX_IMPORT_FILE_BYTES}.`);
  }
  let text: string | null = null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    text = null;
  }
  let json: unknown = undefined;
  if (text !== null && /^\s*[[{]/.test(text)) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { bytes, text, json };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON found inside a file (a decrypted payload); damaged JSON is 'malformed-file'. */
export function parseInnerJson(text: string | null, what: string): unknown {
  if (text === null) throw new ImportError('malformed-file', `The decrypted ${what} is not text.`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ImportError('malformed-file', `The decrypted ${what} is not valid JSON.`);
  }
}

/** An array field, or 'malformed-file' naming it. */
export function requireArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new ImportError('malformed-file', `The file's ${what} is missing or not a list.`);
  return value;
}

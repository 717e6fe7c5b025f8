// Shared steps of the import tests: run the parser on written bytes, compare accounts, expect coded refusals.
import { expect } from 'vitest';
import { detectFormat, importFile, ImportError, type ImportErrorCode, type ImportResult } from '../../../../src/shared/import/index.ts';
import { hashWasmImportEngines } from '../../../../src/shared/import/engines-hash-wasm.ts';
import { coreOf, type TestAccount } from './writers/accounts.ts';

export const engines = hashWasmImportEngines;

export function bytesOf(file: string | Uint8Array): Uint8Array {
  return typeof file === 'string' ? new TextEncoder().encode(file) : new Uint8Array(file);
}

export function importBytes(file: string | Uint8Array, password?: string): Promise<ImportResult> {
  return importFile(bytesOf(file), { password, engines });
}

export function detect(file: string | Uint8Array) {
  return detectFormat(bytesOf(file));
}

/** Every written account came back, in order, with the same parameters. */
export function expectSameAccounts(result: ImportResult, accounts: TestAccount[]): void {
  expect(result.skipped).toEqual([]);
  expect(result.accounts.map(coreOf)).toEqual(accounts.map(coreOf));
}

/** The promise rejects with an ImportError of one of these codes. */
export async function expectImportError(promise: Promise<unknown>, ...codes: ImportErrorCode[]): Promise<ImportError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  expect(codes).toContain((error as ImportError).code);
  return error as ImportError;
}

/** The same text with one character of a base64 or hex field changed. */
export function flipChar(text: string, at: number): string {
  const c = text[at];
  const next = c === 'A' ? 'B' : c === '0' ? '1' : c === 'a' ? 'b' : 'A';
  return text.slice(0, at) + next + text.slice(at + 1);
}

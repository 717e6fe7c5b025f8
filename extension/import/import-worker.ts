// A dedicated worker for the import tab: reads (and decrypts) a file off the page's thread, so the page stays
// responsive and keeps showing where it is while Argon2id or scrypt runs for seconds.
import { importFile, ImportError, type ImportResult, type ImportStage } from '../../src/shared/import/index.ts';
import { hashWasmImportEngines } from '../../src/shared/import/engines-hash-wasm.ts';
import { canConvertIcons, convertIcons, type ConvertedIcons } from './import-icons.ts';

export interface ReadRequest { bytes: Uint8Array; password?: string }
export type ReadMessage =
  | { kind: 'stage'; stage: ImportStage }
  /** `icons`: the accounts' icons converted here, or absent when this worker cannot (the page converts them then). */
  | { kind: 'done'; result: ImportResult; icons?: ConvertedIcons }
  | { kind: 'refused'; code: ImportError['code'] };

const scope = self as unknown as { onmessage: ((e: MessageEvent<ReadRequest>) => void) | null; postMessage(m: ReadMessage): void };

async function read({ bytes, password }: ReadRequest): Promise<ReadMessage> {
  const result = await importFile(bytes, { password, engines: hashWasmImportEngines, onProgress: (stage) => scope.postMessage({ kind: 'stage', stage }) });
  if (!canConvertIcons()) return { kind: 'done', result };
  const icons = await convertIcons(result.accounts);
  // The raw images stay here: the page needs only what it will send.
  return { kind: 'done', result: { ...result, accounts: result.accounts.map(({ icon: _raw, ...a }) => a) }, icons };
}

scope.onmessage = (e) => {
  read(e.data)
    .then((m) => scope.postMessage(m))
    .catch((err: unknown) => {
      // Anything but a coded refusal is a bug: reported as a damaged file rather than left hanging.
      scope.postMessage({ kind: 'refused', code: err instanceof ImportError ? err.code : 'malformed-file' });
    });
};

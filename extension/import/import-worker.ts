// A dedicated worker for the import tab: reads (and decrypts) a file off the page's thread, so the page stays
// responsive and keeps showing where it is while Argon2id or scrypt runs for seconds.
import { importFile, ImportError, type ImportResult, type ImportStage } from '../../src/shared/import/index.ts';
import { hashWasmImportEngines } from '../../src/shared/import/engines-hash-wasm.ts';

export interface ReadRequest { bytes: Uint8Array; password?: string }
export type ReadMessage =
  | { kind: 'stage'; stage: ImportStage }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'refused'; code: ImportError['code'] };

const scope = self as unknown as { onmessage: ((e: MessageEvent<ReadRequest>) => void) | null; postMessage(m: ReadMessage): void };

scope.onmessage = (e) => {
  const { bytes, password } = e.data;
  importFile(bytes, { password, engines: hashWasmImportEngines, onProgress: (stage) => scope.postMessage({ kind: 'stage', stage }) })
    .then((result) => scope.postMessage({ kind: 'done', result }))
    .catch((err: unknown) => {
      // Anything but a coded refusal is a bug: reported as a damaged file rather than left hanging.
      scope.postMessage({ kind: 'refused', code: err instanceof ImportError ? err.code : 'malformed-file' });
    });
};

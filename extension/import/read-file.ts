// Runs the shared import core in this page (never on the background worker's message path), with Argon2id and scrypt
// from hash-wasm and a pause before each slow step so the progress line is painted first.
import { detectFormat, importFile, ImportError, type DetectedFile, type ImportErrorCode, type ImportResult, type ImportStage } from '../../src/shared/import/index.ts';
import { hashWasmImportEngines } from '../../src/shared/import/engines-hash-wasm.ts';

export type Detection = { ok: true; detected: DetectedFile } | { ok: false; code: ImportErrorCode };
export type Reading = { ok: true; result: ImportResult } | { ok: false; code: ImportErrorCode };

export function detectFile(bytes: Uint8Array): Detection {
  try {
    return { ok: true, detected: detectFormat(bytes) };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, code: e.code };
    throw e;
  }
}

/** Two frames: the stage text set before a key derivation is on screen before the derivation holds the page. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export async function readFile(bytes: Uint8Array, password: string | undefined, onStage: (stage: ImportStage) => void): Promise<Reading> {
  let stage: Promise<void> = Promise.resolve();
  try {
    const result = await importFile(bytes, {
      password,
      engines: {
        argon2id: async (input) => { await stage; return hashWasmImportEngines.argon2id!(input); },
        scrypt: async (input) => { await stage; return hashWasmImportEngines.scrypt!(input); },
      },
      onProgress: (s) => { onStage(s); stage = painted(); },
    });
    return { ok: true, result };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, code: e.code };
    throw e;
  }
}

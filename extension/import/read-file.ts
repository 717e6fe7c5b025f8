// Reads a file with the shared import core in a dedicated worker (never on the background worker's message path), so
// the tab stays responsive and shows each stage while a key derivation runs; detection alone is cheap and runs here.
import { detectFormat, ImportError, type DetectedFile, type ImportErrorCode, type ImportResult, type ImportStage } from '../../src/shared/import/index.ts';
import { convertIcons, type ConvertedIcons } from './import-icons.ts';
import type { ReadMessage, ReadRequest } from './import-worker.ts';

export type Detection = { ok: true; detected: DetectedFile } | { ok: false; code: ImportErrorCode };
/** `icons`: each account's site icon by position (import-icons.ts), null for none. */
export type Reading = { ok: true; result: ImportResult; icons: ConvertedIcons } | { ok: false; code: ImportErrorCode };

export function detectFile(bytes: Uint8Array): Detection {
  try {
    return { ok: true, detected: detectFormat(bytes) };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, code: e.code };
    throw e;
  }
}

/** One worker per read: it holds the password and the decrypted secrets only as long as the read takes. */
export function readFile(bytes: Uint8Array, password: string | undefined, onStage: (stage: ImportStage) => void): Promise<Reading> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    const finish = (reading: Reading) => { worker.terminate(); resolve(reading); };
    worker.onmessage = (e: MessageEvent<ReadMessage>) => {
      const m = e.data;
      if (m.kind === 'stage') onStage(m.stage);
      else if (m.kind === 'done') {
        // A worker without OffscreenCanvas hands the raw icons back: the page converts them (never fetching anything).
        if (m.icons) finish({ ok: true, result: m.result, icons: m.icons });
        else void convertIcons(m.result.accounts).then((icons) => finish({ ok: true, result: m.result, icons }));
      }
      else finish({ ok: false, code: m.code });
    };
    worker.onerror = () => finish({ ok: false, code: 'engine-missing' });
    const request: ReadRequest = { bytes, ...(password === undefined ? {} : { password }) };
    worker.postMessage(request);
  });
}

// Argon2id (hash-wasm) as one ES module at a fixed URL: Firefox's event page imports it, Chromium's offscreen page runs
// it as a dedicated worker. Built apart from the background worker, which must stay one small classic script.
import { argon2idHashWasm } from '../../src/shared/argon2id-hash-wasm.ts';
import type { Argon2idInput } from './argon2id-protocol.ts';

export const argon2idHash = argon2idHashWasm;

/** What the offscreen page posts to this module running as its worker, and what comes back. */
export interface Argon2idJob { id: number; input: Argon2idInput }
export type Argon2idJobResult = { id: number; hash: Uint8Array } | { id: number; error: string };

interface DedicatedWorkerScope {
  postMessage(message: Argon2idJobResult): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Argon2idJob>) => void): void;
}

// Only as a dedicated worker (no document): imported by a page, the module just exports the function.
if (typeof document === 'undefined' && typeof self !== 'undefined') {
  const scope = self as unknown as DedicatedWorkerScope;
  scope.addEventListener('message', (event) => {
    const { id, input } = event.data;
    argon2idHash(input).then(
      (hash) => scope.postMessage({ id, hash }),
      (e: unknown) => scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
}

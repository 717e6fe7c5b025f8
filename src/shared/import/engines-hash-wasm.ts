// Argon2id and scrypt through hash-wasm, for the import page and Node (never the background worker's bundle).
import { scrypt } from 'hash-wasm';
import { argon2idHashWasm } from '../argon2id-hash-wasm.ts';
import type { ImportEngines } from './engines.ts';

export const hashWasmImportEngines: ImportEngines = {
  argon2id: argon2idHashWasm,
  scrypt: async ({ password, salt, n, r, p, length }) => scrypt({
    password, salt, costFactor: n, blockSize: r, parallelism: p, hashLength: length, outputType: 'binary',
  }),
};

// Argon2id through hash-wasm (WebAssembly, inline): for Node, the CLI, tests and extension pages, never the worker bundle.
import { argon2id } from 'hash-wasm';
import type { Argon2idHash } from './password-kdf.ts';

export const argon2idHashWasm: Argon2idHash = async ({ password, salt, memoryKiB, iterations, parallelism }) => argon2id({
  password, salt, iterations, parallelism, memorySize: memoryKiB, hashLength: 32, outputType: 'binary',
});

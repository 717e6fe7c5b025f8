// Bounds on the key-derivation work an imported file may ask for, checked before any derivation starts.
import { ImportError } from './types.ts';

/**
 * Generous enough for every app's real settings (Ente's strongest Argon2id level is 1 GiB × 4 passes, Bitwarden's
 * PBKDF2 tops out at 2,000,000 iterations, Aegis writes scrypt N=2^15, r=8), small enough that a hostile file cannot
 * exhaust the page's memory or hold it for minutes before its password is even checked. Keyfob's own backups have
 * the tighter IMPORT_KDF_LIMITS (password-kdf.ts): they are written by Keyfob, these files by other apps.
 */
export const IMPORT_FILE_KDF_LIMITS = {
  pbkdf2MaxIterations: 2_000_000,
  argon2MaxMemoryKiB: 1_048_576,
  /** Memory × passes: Ente's "sensitive" level (1 GiB, 4 passes) and its lower-memory fallbacks (256 MiB × 16…). */
  argon2MaxWorkKiB: 4 * 1_048_576,
  argon2MaxPasses: 256,
  argon2MaxParallelism: 16,
  /** scrypt's memory is 128·N·r bytes. */
  scryptMaxMemoryBytes: 256 * 1024 * 1024,
  /** 128·N·r·p: p runs the memory-hard part p times over. */
  scryptMaxWorkBytes: 1024 * 1024 * 1024,
} as const;

const n = (v: number) => v.toLocaleString('en-US');

function whole(value: unknown, what: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new ImportError('malformed-file', `The file's ${what} is not a whole number from 1 up.`);
  }
  return value as number;
}

/** Refuses a PBKDF2 iteration count outside 1…pbkdf2MaxIterations. */
export function checkPbkdf2Iterations(iterations: unknown): number {
  const it = whole(iterations, 'PBKDF2 iteration count');
  if (it > IMPORT_FILE_KDF_LIMITS.pbkdf2MaxIterations) {
    throw new ImportError('kdf-too-costly', `The file asks for PBKDF2 with ${n(it)} iterations; Keyfob accepts at most `
      + `${n(IMPORT_FILE_KDF_LIMITS.pbkdf2MaxIterations)}.`);
  }
  return it;
}

export interface Argon2Cost { memoryKiB: number; passes: number; parallelism: number }

/** Refuses Argon2id memory, passes or lanes beyond the limits (and memory too small for its lanes, which is invalid). */
export function checkArgon2Cost(cost: { memoryKiB: unknown; passes: unknown; parallelism: unknown }): Argon2Cost {
  const memoryKiB = whole(cost.memoryKiB, 'Argon2id memory');
  const passes = whole(cost.passes, 'Argon2id pass count');
  const parallelism = whole(cost.parallelism, 'Argon2id lane count');
  const cap = IMPORT_FILE_KDF_LIMITS;
  if (memoryKiB > cap.argon2MaxMemoryKiB || passes > cap.argon2MaxPasses || parallelism > cap.argon2MaxParallelism
    || memoryKiB * passes > cap.argon2MaxWorkKiB) {
    throw new ImportError('kdf-too-costly', `The file asks for Argon2id with ${n(memoryKiB)} KiB of memory, ${n(passes)} passes `
      + `and ${n(parallelism)} lanes; Keyfob accepts at most ${n(cap.argon2MaxMemoryKiB)} KiB, ${n(cap.argon2MaxPasses)} passes, `
      + `${n(cap.argon2MaxParallelism)} lanes and ${n(cap.argon2MaxWorkKiB)} KiB × passes.`);
  }
  if (memoryKiB < 8 * parallelism) throw new ImportError('malformed-file', 'The file\'s Argon2id memory is too small for its lanes.');
  return { memoryKiB, passes, parallelism };
}

export interface ScryptCost { n: number; r: number; p: number }

/** Refuses scrypt parameters whose memory (128·N·r) or work (·p) exceed the limits; N must be a power of two. */
export function checkScryptCost(cost: { n: unknown; r: unknown; p: unknown }): ScryptCost {
  const N = whole(cost.n, 'scrypt N');
  const r = whole(cost.r, 'scrypt r');
  const p = whole(cost.p, 'scrypt p');
  if (N < 2 || (N & (N - 1)) !== 0 || N > 2 ** 30) throw new ImportError('malformed-file', 'The file\'s scrypt N is not a power of two.');
  const memory = 128 * N * r;
  const cap = IMPORT_FILE_KDF_LIMITS;
  if (memory > cap.scryptMaxMemoryBytes || memory * p > cap.scryptMaxWorkBytes) {
    throw new ImportError('kdf-too-costly', `The file asks for scrypt with N=${n(N)}, r=${n(r)}, p=${n(p)} (${n(Math.round(memory / 1024))} KiB `
      + `of memory); Keyfob accepts at most ${n(cap.scryptMaxMemoryBytes / 1024)} KiB and ${n(cap.scryptMaxWorkBytes / 1024)} KiB × p.`);
  }
  return { n: N, r, p };
}

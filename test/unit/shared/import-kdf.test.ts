// The import-side cap on key-derivation parameters: a file may ask for at most twice what Keyfob writes itself.
import { describe, expect, it } from 'vitest';
import {
  checkImportKdf, DEFAULT_ARGON2ID, DEFAULT_PBKDF2_ITERATIONS, IMPORT_KDF_LIMITS, KDF_LIMITS, newKdfParams, openWithPassword,
  sealWithPassword, VaultCryptoError,
} from '../../../src/shared/index.ts';

const salt = 'AAECAwQFBgcICQoLDA0ODw==';
const pbkdf2 = (iterations: number) => ({ name: 'PBKDF2-SHA256', iterations, salt });
const argon2 = (memoryKiB: number, iterations: number, parallelism: number) => ({ name: 'Argon2id', memoryKiB, iterations, parallelism, salt });

function refusal(params: unknown): string | null {
  try {
    checkImportKdf(params);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(VaultCryptoError);
    expect((err as VaultCryptoError).code).toBe('unsupported-kdf');
    return (err as VaultCryptoError).message;
  }
}

describe('checkImportKdf', () => {
  it('sets the caps at exactly twice the parameters Keyfob writes', () => {
    expect(IMPORT_KDF_LIMITS).toEqual({
      pbkdf2MaxIterations: 1_200_000, argon2MaxMemoryKiB: 38_912, argon2MaxIterations: 4, argon2MaxParallelism: 2,
    });
    expect(IMPORT_KDF_LIMITS.pbkdf2MaxIterations).toBe(2 * DEFAULT_PBKDF2_ITERATIONS);
    expect(IMPORT_KDF_LIMITS.argon2MaxMemoryKiB).toBe(2 * DEFAULT_ARGON2ID.memoryKiB);
  });

  it.each([
    ['what Keyfob writes (PBKDF2)', pbkdf2(DEFAULT_PBKDF2_ITERATIONS)],
    ['an older, weaker PBKDF2', pbkdf2(100_000)],
    ['PBKDF2 at the cap', pbkdf2(1_200_000)],
    ['what Keyfob writes (Argon2id)', argon2(19_456, 2, 1)],
    ['Argon2id at every cap at once', argon2(38_912, 4, 2)],
    ['a light Argon2id', argon2(64, 1, 1)],
  ])('accepts %s', (_name, params) => {
    expect(refusal(params)).toBeNull();
    expect(checkImportKdf(params)).toEqual(params);
  });

  it.each([
    ['PBKDF2 one iteration over the cap', pbkdf2(1_200_001), ['1,200,001 iterations', '1,200,000 iterations']],
    ['PBKDF2 at the general limit', pbkdf2(KDF_LIMITS.pbkdf2MaxIterations), ['10,000,000 iterations', '1,200,000 iterations']],
    ['Argon2id memory one KiB over the cap', argon2(38_913, 2, 1), ['38,913 KiB of memory', '38,912 KiB']],
    ['Argon2id passes over the cap', argon2(19_456, 5, 1), ['5 passes', '4 passes']],
    ['Argon2id lanes over the cap', argon2(19_456, 2, 3), ['3 lanes', '2 lanes']],
    ['the hostile file: Argon2id 256 MiB × 64 passes', argon2(262_144, 64, 1), ['262,144 KiB of memory, 64 passes', '38,912 KiB, 4 passes and 2 lanes']],
  ])('refuses %s, saying what the file asks for and the cap', (_name, params, says) => {
    const message = refusal(params);
    expect(message).toContain('twice what it writes itself');
    for (const part of says) expect(message).toContain(part);
  });

  it('still refuses what is malformed or unknown, as checkKdfParams does', () => {
    expect(() => checkImportKdf({ name: 'PBKDF2-SHA256', iterations: 1000, salt: 'AA==' })).toThrow(VaultCryptoError);
    expect(refusal({ name: 'scrypt', salt })).toContain('not supported');
    expect(refusal(pbkdf2(0))).not.toBeNull();
  });

  it('accepts the parameters of every envelope Keyfob seals by default', async () => {
    const envelope = await sealWithPassword(new TextEncoder().encode('backup'), 'a backup password', {});
    expect(checkImportKdf(envelope.kdf)).toEqual(envelope.kdf);
    expect(checkImportKdf(newKdfParams({ name: 'Argon2id' })).name).toBe('Argon2id');
    expect(new TextDecoder().decode(await openWithPassword(envelope, 'a backup password'))).toBe('backup');
  });
});

// The KDF bounds refuse hostile parameters with a coded error and accept every app's real settings.
import { describe, expect, it } from 'vitest';
import { checkArgon2Cost, checkPbkdf2Iterations, checkScryptCost } from '../../../../src/shared/import/kdf-limits.ts';
import { ImportError } from '../../../../src/shared/import/types.ts';

const code = (f: () => unknown) => { try { f(); return null; } catch (e) { return e instanceof ImportError ? e.code : 'other'; } };

describe('import KDF limits', () => {
  it('accepts the settings the apps really write', () => {
    expect(checkScryptCost({ n: 32768, r: 8, p: 1 })).toEqual({ n: 32768, r: 8, p: 1 });
    expect(checkArgon2Cost({ memoryKiB: 1024 * 1024, passes: 4, parallelism: 1 })).toBeTruthy();
    expect(checkArgon2Cost({ memoryKiB: 256 * 1024, passes: 16, parallelism: 1 })).toBeTruthy();
    expect(checkArgon2Cost({ memoryKiB: 64 * 1024, passes: 3, parallelism: 4 })).toBeTruthy();
    expect(checkPbkdf2Iterations(600_000)).toBe(600_000);
  });

  it('refuses too much memory, work or iterations as kdf-too-costly and nonsense as malformed', () => {
    expect(code(() => checkScryptCost({ n: 2 ** 20, r: 8, p: 1 }))).toBe('kdf-too-costly');
    expect(code(() => checkScryptCost({ n: 2 ** 15, r: 8, p: 64 }))).toBe('kdf-too-costly');
    expect(code(() => checkScryptCost({ n: 3, r: 8, p: 1 }))).toBe('malformed-file');
    expect(code(() => checkArgon2Cost({ memoryKiB: 2 * 1024 * 1024, passes: 1, parallelism: 1 }))).toBe('kdf-too-costly');
    expect(code(() => checkArgon2Cost({ memoryKiB: 1024 * 1024, passes: 5, parallelism: 1 }))).toBe('kdf-too-costly');
    expect(code(() => checkArgon2Cost({ memoryKiB: 64, passes: 1, parallelism: 64 }))).toBe('kdf-too-costly');
    expect(code(() => checkArgon2Cost({ memoryKiB: 1.5, passes: 1, parallelism: 1 }))).toBe('malformed-file');
    expect(code(() => checkPbkdf2Iterations(2_000_001))).toBe('kdf-too-costly');
    expect(code(() => checkPbkdf2Iterations('600000'))).toBe('malformed-file');
  });
});

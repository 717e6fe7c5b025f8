// Vault envelopes: round trips, and a distinct error for each way opening can go wrong.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PBKDF2_ITERATIONS, generateDataKey, newKdfParams, openWithKey, openWithPassword, rewrapKey, sealWithKey,
  sealWithPassword, unwrapKey, VaultCryptoError, wrapKey, type KdfChoice, type PasswordEnvelope, type VaultCryptoErrorCode,
} from '../../../src/shared/index.ts';
import { argon2idHashWasm } from '../../../src/shared/argon2id-hash-wasm.ts';

// Low cost so the suite stays fast; the default is asserted separately.
const FAST: KdfChoice = { name: 'PBKDF2-SHA256', iterations: 1000 };
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

async function codeOf(promise: Promise<unknown>): Promise<VaultCryptoErrorCode | 'no error'> {
  try {
    await promise;
    return 'no error';
  } catch (e) {
    if (e instanceof VaultCryptoError) return e.code;
    throw e;
  }
}

/** Flips one bit of one byte of a base64 field. */
function flip(field: string, index: number): string {
  const raw = Uint8Array.from(atob(field), (c) => c.charCodeAt(0));
  raw[index] = (raw[index] ?? 0) ^ 1;
  return btoa(String.fromCharCode(...raw));
}

describe('password envelopes', () => {
  it('round-trips data and is plain JSON', async () => {
    const env = await sealWithPassword(bytes('the vault'), 'correct horse', { kdf: FAST });
    const copy: unknown = JSON.parse(JSON.stringify(env));
    expect(text(await openWithPassword(copy, 'correct horse'))).toBe('the vault');
    expect(env).toMatchObject({ v: 1, kdf: { name: 'PBKDF2-SHA256', iterations: 1000 } });
  });

  it('defaults to PBKDF2-SHA256 with at least 600,000 iterations and a fresh 16-byte salt', () => {
    const a = newKdfParams();
    expect(a).toMatchObject({ name: 'PBKDF2-SHA256', iterations: DEFAULT_PBKDF2_ITERATIONS });
    expect(DEFAULT_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(atob(a.salt)).toHaveLength(16);
    expect(newKdfParams().salt).not.toBe(a.salt);
  });

  it('supports Argon2id as a second key derivation, with the implementation the caller injects', async () => {
    const argon2id = argon2idHashWasm;
    const env = await sealWithPassword(bytes('argon'), 'pw', { kdf: { name: 'Argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 }, argon2id });
    expect(env.kdf.name).toBe('Argon2id');
    expect(text(await openWithPassword(env, 'pw', '', { argon2id }))).toBe('argon');
    expect(await codeOf(openWithPassword(env, 'PW', '', { argon2id }))).toBe('wrong-password');
    const wrapped = await wrapKey(await generateDataKey(), 'pw', { kdf: { name: 'Argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 }, argon2id });
    expect((await unwrapKey(wrapped, 'pw', { argon2id })).algorithm).toMatchObject({ name: 'AES-GCM' });
  });

  it('refuses an Argon2id envelope where no Argon2id was injected, and an Argon2id that returns the wrong length', async () => {
    const env = await sealWithPassword(bytes('argon'), 'pw', { kdf: { name: 'Argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 }, argon2id: argon2idHashWasm });
    expect(await codeOf(openWithPassword(env, 'pw'))).toBe('unsupported-kdf');
    expect(await codeOf(sealWithPassword(bytes('x'), 'pw', { kdf: { name: 'Argon2id' } }))).toBe('unsupported-kdf');
    const short = async () => new Uint8Array(16);
    expect(await codeOf(openWithPassword(env, 'pw', '', { argon2id: short }))).toBe('crypto-failed');
  });

  it('seals the same data differently each time', async () => {
    const a = await sealWithPassword(bytes('x'), 'pw', { kdf: FAST });
    const b = await sealWithPassword(bytes('x'), 'pw', { kdf: FAST });
    expect(a.ct).not.toBe(b.ct);
    expect(a.iv).not.toBe(b.iv);
  });

  it('tells a wrong password, a tampered byte, an unknown version and a wrong context apart', async () => {
    const env = await sealWithPassword(bytes('secret data'), 'pw', { kdf: FAST, aad: 'vault:main' });
    expect(await codeOf(openWithPassword(env, 'pw', 'vault:main'))).toBe('no error');
    expect(await codeOf(openWithPassword(env, 'wrong', 'vault:main'))).toBe('wrong-password');
    expect(await codeOf(openWithPassword({ ...env, ct: flip(env.ct, 3) }, 'pw', 'vault:main'))).toBe('tampered');
    expect(await codeOf(openWithPassword({ ...env, ct: flip(env.ct, 12) }, 'pw', 'vault:main'))).toBe('tampered');
    expect(await codeOf(openWithPassword({ ...env, iv: flip(env.iv, 0) }, 'pw', 'vault:main'))).toBe('tampered');
    expect(await codeOf(openWithPassword({ ...env, v: 2 }, 'pw', 'vault:main'))).toBe('unsupported-version');
    expect(await codeOf(openWithPassword(env, 'pw', 'vault:other'))).toBe('wrong-context');
  });

  const salt = btoa('x'.repeat(16));
  it.each<[string, (env: PasswordEnvelope) => unknown, VaultCryptoErrorCode]>([
    ['null', () => null, 'malformed'],
    ['a string', () => 'ciphertext', 'malformed'],
    ['an array', () => [], 'malformed'],
    ['no version', ({ v: _v, ...rest }) => rest, 'malformed'],
    ['version as text', (env) => ({ ...env, v: '1' }), 'malformed'],
    ['an unknown KDF', (env) => ({ ...env, kdf: { name: 'MD5', salt } }), 'unsupported-kdf'],
    ['2^31 PBKDF2 iterations', (env) => ({ ...env, kdf: { name: 'PBKDF2-SHA256', iterations: 2 ** 31, salt } }), 'unsupported-kdf'],
    ['4 GiB of Argon2 memory', (env) => ({ ...env, kdf: { name: 'Argon2id', memoryKiB: 4 * 1024 * 1024, iterations: 1, parallelism: 1, salt } }), 'unsupported-kdf'],
    ['a short salt', (env) => ({ ...env, kdf: { name: 'PBKDF2-SHA256', iterations: 1000, salt: btoa('x') } }), 'malformed'],
    ['an IV that is not base64', (env) => ({ ...env, iv: '@@@@' }), 'malformed'],
    ['a short IV', (env) => ({ ...env, iv: btoa('123') }), 'malformed'],
    ['no key check', ({ check: _c, ...rest }) => rest, 'malformed'],
    ['a ciphertext shorter than a tag', (env) => ({ ...env, ct: btoa('short') }), 'malformed'],
  ])('refuses an envelope with %s', async (_name, corrupt, code) => {
    const env = await sealWithPassword(bytes('x'), 'pw', { kdf: FAST });
    expect(await codeOf(openWithPassword(corrupt(env), 'pw'))).toBe(code);
  });

  it('fails fast on a 1 MB password and on an empty one', async () => {
    const env = await sealWithPassword(bytes('x'), 'pw', { kdf: FAST });
    expect(await codeOf(openWithPassword(env, 'p'.repeat(1 << 20)))).toBe('bad-password');
    expect(await codeOf(sealWithPassword(bytes('x'), '', { kdf: FAST }))).toBe('bad-password');
  });
});

describe('data keys', () => {
  it('seals and opens records under a data key with their own context', async () => {
    const key = await generateDataKey();
    const box = await sealWithKey(key, bytes('account 1'), 'account:1');
    expect(text(await openWithKey(key, box, 'account:1'))).toBe('account 1');
    expect(await codeOf(openWithKey(key, box, 'account:2'))).toBe('wrong-context');
    expect(await codeOf(openWithKey(key, { ...box, ct: flip(box.ct, 0) }, 'account:1'))).toBe('tampered');
    expect(await codeOf(openWithKey(await generateDataKey(), box, 'account:1'))).toBe('tampered');
  });

  it('wraps a data key under a password and unwraps a key that opens the same data', async () => {
    const key = await generateDataKey();
    const box = await sealWithKey(key, bytes('payload'));
    const wrapped = await wrapKey(key, 'pw', { kdf: FAST });
    const unwrapped = await unwrapKey(JSON.parse(JSON.stringify(wrapped)), 'pw');
    expect(unwrapped.extractable).toBe(false);
    expect(text(await openWithKey(unwrapped, box))).toBe('payload');
    expect(await codeOf(unwrapKey(wrapped, 'nope'))).toBe('wrong-password');
  });

  it('rewraps the key on a password change so existing data still opens', async () => {
    const key = await generateDataKey();
    const box = await sealWithKey(key, bytes('kept'));
    const next = await rewrapKey(await wrapKey(key, 'old', { kdf: FAST }), 'old', 'new', { kdf: FAST });
    expect(await codeOf(unwrapKey(next, 'old'))).toBe('wrong-password');
    expect(text(await openWithKey(await unwrapKey(next, 'new'), box))).toBe('kept');
  });

  it('does not let a sealed payload pass for a wrapped key', async () => {
    const env = await sealWithPassword(crypto.getRandomValues(new Uint8Array(32)), 'pw', { kdf: FAST });
    expect(await codeOf(unwrapKey(env, 'pw'))).toBe('wrong-context');
  });

  it('refuses to seal more than the vault limit', async () => {
    const key = await generateDataKey();
    expect(await codeOf(sealWithKey(key, new Uint8Array(17 * 1024 * 1024)))).toBe('too-large');
  });
});

// Aegis vaults written by an independent writer (node:crypto scrypt + AES-GCM) are read back entry for entry.
import { describe, expect, it } from 'vitest';
import { detect, expectImportError, expectSameAccounts, importBytes } from './helpers.ts';
import { makeAccounts } from './writers/accounts.ts';
import { aegisDb, writeAegis, writeAegisDb } from './writers/aegis.ts';

describe('Aegis import', () => {
  const accounts = makeAccounts(10).map((a, i) => ({ ...a, groups: i % 2 ? ['Work'] : [], favorite: i === 0, note: i === 1 ? 'backup codes in the safe' : '' }));

  it('reads a plain vault: every account, its group, favourite and note', async () => {
    const file = writeAegis(accounts);
    expect(detect(file)).toEqual({ format: 'aegis', app: 'Aegis', encrypted: false, entries: 10 });
    const result = await importBytes(file);
    expectSameAccounts(result, accounts);
    expect(result.accounts[1]?.groups).toEqual(['Work']);
    expect(result.accounts[0]?.favorite).toBe(true);
    expect(result.accounts[1]?.note).toBe('backup codes in the safe');
  });

  it('reads an encrypted vault with the right password, and says it is encrypted before asking', async () => {
    const file = writeAegis(accounts, { password: 'correct horse' });
    expect(detect(file)).toEqual({ format: 'aegis', app: 'Aegis', encrypted: true, entries: null });
    expectSameAccounts(await importBytes(file, 'correct horse'), accounts);
  });

  it('asks for a password, and refuses a wrong one without importing anything', async () => {
    const file = writeAegis(accounts, { password: 'correct horse' });
    await expectImportError(importBytes(file), 'password-required');
    await expectImportError(importBytes(file, 'wrong horse'), 'wrong-password');
  });

  it('refuses scrypt parameters beyond the limits before deriving anything', async () => {
    const file = JSON.parse(writeAegis(accounts.slice(0, 1), { password: 'pw' }));
    file.header.slots[0].n = 2 ** 22;
    const started = performance.now();
    const error = await expectImportError(importBytes(JSON.stringify(file), 'pw'), 'kdf-too-costly');
    expect(error.message).toMatch(/N=4,194,304/);
    // Refused from the numbers alone: deriving with N=2^22 would take seconds and 4 GiB.
    expect(performance.now() - started).toBeLessThan(1000);
    file.header.slots[0].n = 1000;
    await expectImportError(importBytes(JSON.stringify(file), 'pw'), 'malformed-file');
  });

  it('says the data was altered when the password opens the slot but the database tag fails', async () => {
    const file = JSON.parse(writeAegis(accounts, { password: 'pw' }));
    const tag = file.header.params.tag as string;
    file.header.params.tag = (tag[0] === '0' ? '1' : '0') + tag.slice(1);
    await expectImportError(importBytes(JSON.stringify(file), 'pw'), 'tampered');
    const slot = JSON.parse(writeAegis(accounts, { password: 'pw' }));
    slot.header.slots[0].key_params.tag = '00'.repeat(16);
    await expectImportError(importBytes(JSON.stringify(slot), 'pw'), 'wrong-password');
  });

  it('refuses a truncated file as unrecognised, and one without its database as damaged', async () => {
    const file = writeAegis(accounts, { password: 'pw' });
    await expectImportError(importBytes(file.slice(0, file.length / 2), 'pw'), 'unrecognised-format');
    const broken = JSON.parse(file);
    broken.db = broken.db.slice(0, 10) + '!!';
    await expectImportError(importBytes(JSON.stringify(broken), 'pw'), 'malformed-file');
  });

  it('reports mOTP, Yandex and odd entries one by one and imports the rest', async () => {
    const db = aegisDb(accounts.slice(0, 3)) as { entries: Record<string, unknown>[] };
    db.entries.push(
      { type: 'motp', name: 'old bank', issuer: 'Bank', info: { secret: 'JBSWY3DPEHPK3PXP', pin: '1234' } },
      { type: 'yandex', name: 'ya', issuer: 'Yandex', info: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', pin: '1234' } },
      { type: 'totp', name: 'no secret', issuer: 'X', info: { algo: 'SHA1', digits: 6, period: 30 } },
      { type: 'totp', name: 'bad', issuer: 'Y', info: { secret: 'not base32!', algo: 'SHA1', digits: 6, period: 30 } },
      { type: 'totp', name: 'md5', issuer: 'Z', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'MD5', digits: 6, period: 30 } },
      { type: 'totp', name: 'odd', issuer: 'W', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 'six', period: 30 } },
      'not an entry' as unknown as Record<string, unknown>,
    );
    const result = await importBytes(writeAegisDb(db, { password: 'pw' }), 'pw');
    expect(result.accounts).toHaveLength(3);
    expect(result.skipped.map((s) => [s.index, s.name, s.reason])).toEqual([
      [3, 'Bank (old bank)', { code: 'unsupported-type', type: 'motp' }],
      [4, 'Yandex (ya)', { code: 'unsupported-type', type: 'yandex' }],
      [5, 'X (no secret)', { code: 'invalid-entry', otpauth: { code: 'missing-secret' } }],
      [6, 'Y (bad)', { code: 'invalid-entry', otpauth: { code: 'invalid-secret' } }],
      [7, 'Z (md5)', { code: 'unsupported-algorithm', algorithm: 'MD5' }],
      [8, 'W (odd)', { code: 'malformed-entry', field: 'digits' }],
      [9, 'entry 10', { code: 'malformed-entry', field: 'entry' }],
    ]);
  });

  it('reads 10,000 entries', async () => {
    const many = makeAccounts(10_000);
    const result = await importBytes(writeAegis(many, { password: 'pw', n: 16 }), 'pw');
    expect(result.accounts).toHaveLength(10_000);
    expect(result.accounts[9_999]?.secret).toBe(many[9_999]?.secret);
  });

  it('opens a vault written with the app\'s real parameters (scrypt N=32768, r=8, p=1)', async () => {
    const file = writeAegis(accounts, { password: 'real defaults', n: 32768, r: 8, p: 1 });
    expectSameAccounts(await importBytes(file, 'real defaults'), accounts);
  });
});

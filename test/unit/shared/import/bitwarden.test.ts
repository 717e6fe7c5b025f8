// Bitwarden JSON, CSV and password-protected exports written independently are read back; account-restricted ones explained.
import { describe, expect, it } from 'vitest';
import { detect, expectImportError, expectSameAccounts, importBytes } from './helpers.ts';
import { makeAccounts } from './writers/accounts.ts';
import { bitwardenExport, writeBitwardenCsv, writeBitwardenProtected } from './writers/bitwarden.ts';

describe('Bitwarden import', () => {
  const accounts = makeAccounts(10).map((a, i) => ({ ...a, groups: i === 0 ? ['Work'] : [], favorite: i === 1, note: i === 2 ? 'a note, with "quotes"' : '' }));

  it('reads a JSON export: TOTP fields as bare secrets, otpauth and steam links; logins without TOTP only counted', async () => {
    const file = JSON.stringify(bitwardenExport(accounts, 3));
    expect(detect(file)).toEqual({ format: 'bitwarden-json', app: 'Bitwarden', encrypted: false, entries: 10 });
    const result = await importBytes(file);
    expectSameAccounts(result, accounts);
    expect(result.otherItems).toBe(3);
    expect(result.accounts[0]).toMatchObject({ groups: ['Work'], url: 'https://site0.example/login' });
    expect(result.accounts[1]?.favorite).toBe(true);
    expect(result.accounts[2]?.note).toBe('a note, with "quotes"');
  });

  it('reads a CSV export with quoted fields', async () => {
    const file = writeBitwardenCsv(accounts);
    expect(detect(file)).toEqual({ format: 'bitwarden-csv', app: 'Bitwarden', encrypted: false, entries: 10 });
    const result = await importBytes(file);
    expectSameAccounts(result, accounts);
    expect(result.accounts[2]?.note).toBe('a note, with "quotes"');
    // Cut inside a quoted field: the quote is never closed.
    await expectImportError(importBytes(file.slice(0, file.indexOf('"pw, ') + 4)), 'malformed-file');
  });

  it('reads a password-protected export (PBKDF2) and refuses a wrong password', async () => {
    const file = await writeBitwardenProtected(JSON.stringify(bitwardenExport(accounts)), 'bw pw');
    expect(detect(file)).toEqual({ format: 'bitwarden-protected', app: 'Bitwarden', encrypted: true, entries: null });
    expectSameAccounts(await importBytes(file, 'bw pw'), accounts);
    await expectImportError(importBytes(file), 'password-required');
    await expectImportError(importBytes(file, 'bw pv'), 'wrong-password');
  });

  it('reads a password-protected export with Argon2id', async () => {
    const file = await writeBitwardenProtected(JSON.stringify(bitwardenExport(accounts)), 'argon', { type: 1, iterations: 1, memoryMiB: 1, parallelism: 1 });
    expectSameAccounts(await importBytes(file, 'argon'), accounts);
  });

  it('refuses KDF parameters beyond the limits before deriving', async () => {
    const file = JSON.parse(await writeBitwardenProtected('{}', 'pw'));
    await expectImportError(importBytes(JSON.stringify({ ...file, kdfIterations: 50_000_000 }), 'pw'), 'kdf-too-costly');
    await expectImportError(importBytes(JSON.stringify({ ...file, kdfType: 1, kdfIterations: 3, kdfMemory: 4096, kdfParallelism: 4 }), 'pw'), 'kdf-too-costly');
    await expectImportError(importBytes(JSON.stringify({ ...file, kdfType: 7 }), 'pw'), 'unsupported-encryption');
  });

  it('says the data was altered when the password check passes but the data\'s MAC fails', async () => {
    const file = JSON.parse(await writeBitwardenProtected(JSON.stringify(bitwardenExport(accounts)), 'pw'));
    const [iv, ct, mac] = (file.data as string).slice(2).split('|') as [string, string, string];
    const bytes = Buffer.from(ct, 'base64');
    bytes[0] = (bytes[0] as number) ^ 1;
    await expectImportError(importBytes(JSON.stringify({ ...file, data: `2.${iv}|${bytes.toString('base64')}|${mac}` }), 'pw'), 'tampered');
    await expectImportError(importBytes(JSON.stringify({ ...file, data: '2.abc' }), 'pw'), 'malformed-file');
  });

  it('recognises an account-restricted export and explains it instead of misreading it', async () => {
    const file = JSON.stringify({ encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.AAAA|BBBB|CCCC', folders: [], items: [{ name: '2.x|y|z', login: { totp: '2.x|y|z' } }] });
    expect(detect(file)).toEqual({ format: 'bitwarden-account-restricted', app: 'Bitwarden', encrypted: true, entries: null });
    const error = await expectImportError(importBytes(file, 'anything'), 'account-restricted');
    expect(error.message).toMatch(/Password protected/);
  });

  it('reports broken TOTP fields one by one and imports the rest', async () => {
    const json = bitwardenExport(accounts.slice(0, 2)) as { items: Record<string, unknown>[] };
    json.items.push(
      { type: 1, name: 'Bad', login: { username: 'me', totp: 'not base32 !' } },
      { type: 1, name: 'Yandex', login: { username: 'me', totp: 'otpauth://yaotp/x?secret=JBSWY3DPEHPK3PXP' } },
    );
    const result = await importBytes(JSON.stringify(json));
    expect(result.accounts).toHaveLength(2);
    expect(result.skipped.map((s) => [s.name, s.reason.code])).toEqual([['Bad (me)', 'invalid-entry'], ['Yandex', 'unsupported-type']]);
  });

  it('reads 10,000 items', async () => {
    const result = await importBytes(JSON.stringify(bitwardenExport(makeAccounts(10_000))));
    expect(result.accounts).toHaveLength(10_000);
  });

  it('opens a password-protected export with Bitwarden\'s default of 600,000 PBKDF2 iterations', async () => {
    const file = await writeBitwardenProtected(JSON.stringify(bitwardenExport(accounts)), 'real', { type: 0, iterations: 600_000 });
    expectSameAccounts(await importBytes(file, 'real'), accounts);
  });
});

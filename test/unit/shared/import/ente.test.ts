// Ente Auth exports, plain and encrypted (libsodium's own secretstream as the writer), are read back entry for entry.
import { describe, expect, it } from 'vitest';
import { detect, expectImportError, expectSameAccounts, importBytes } from './helpers.ts';
import { makeAccounts, toOtpauth } from './writers/accounts.ts';
import { enteText, writeEnte } from './writers/ente.ts';

describe('Ente Auth import', () => {
  const accounts = makeAccounts(6).map((a, i) => ({ ...a, groups: i === 1 ? ['Games', 'Home'] : [], favorite: i === 2, note: i === 3 ? 'note' : '' }));

  it('reads the plain text export with its tags, pins and notes', async () => {
    const text = enteText(accounts);
    expect(detect(text)).toEqual({ format: 'ente', app: 'Ente Auth', encrypted: false, entries: 6 });
    const result = await importBytes(text);
    expectSameAccounts(result, accounts);
    expect(result.accounts[1]?.groups).toEqual(['Games', 'Home']);
    expect(result.accounts[2]?.favorite).toBe(true);
    expect(result.accounts[3]?.note).toBe('note');
  });

  it('reads an encrypted export and refuses a wrong password', async () => {
    const file = await writeEnte(enteText(accounts), 'ente pw');
    expect(detect(file)).toEqual({ format: 'ente', app: 'Ente Auth', encrypted: true, entries: null });
    expectSameAccounts(await importBytes(file, 'ente pw'), accounts);
    await expectImportError(importBytes(file), 'password-required');
    await expectImportError(importBytes(file, 'ente pv'), 'wrong-password');
  });

  it('refuses Argon2id memory or passes beyond the limits before deriving', async () => {
    const file = JSON.parse(await writeEnte(enteText(accounts.slice(0, 1)), 'pw'));
    file.kdfParams.memLimit = 4 * 1024 ** 3;
    await expectImportError(importBytes(JSON.stringify(file), 'pw'), 'kdf-too-costly');
    file.kdfParams.memLimit = 1024 ** 3;
    file.kdfParams.opsLimit = 16;
    await expectImportError(importBytes(JSON.stringify(file), 'pw'), 'kdf-too-costly');
    file.kdfParams.memLimit = 1000;
    await expectImportError(importBytes(JSON.stringify(file), 'pw'), 'malformed-file');
  });

  it('refuses an altered or truncated ciphertext', async () => {
    const file = JSON.parse(await writeEnte(enteText(accounts), 'pw'));
    const data = Buffer.from(file.encryptedData, 'base64');
    data[5] = (data[5] as number) ^ 1;
    await expectImportError(importBytes(JSON.stringify({ ...file, encryptedData: data.toString('base64') }), 'pw'), 'wrong-password');
    await expectImportError(importBytes(JSON.stringify({ ...file, encryptedData: data.subarray(0, 10).toString('base64') }), 'pw'), 'wrong-password');
    await expectImportError(importBytes(JSON.stringify({ ...file, encryptionNonce: 'AAAA' }), 'pw'), 'malformed-file');
  });

  it('lists unsupported and broken lines and imports the rest', async () => {
    const text = [
      toOtpauth(accounts[0]!, '&codeDisplay=%7B%7D'),
      'otpauth://motp/Old:me?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7B%7D',
      'otpauth://totp/Broken:me?secret=!!!&codeDisplay=%7B%7D',
      'otpauth://totp/NoSecret:me?issuer=NoSecret&codeDisplay=%7B%7D',
    ].join('\n');
    const result = await importBytes(text);
    expect(result.accounts).toHaveLength(1);
    expect(result.skipped.map((s) => [s.name, s.reason.code])).toEqual([
      ['Old:me', 'unsupported-type'], ['Broken:me', 'invalid-entry'], ['NoSecret:me', 'invalid-entry'],
    ]);
  });

  it('leaves the codes in Ente\'s trash out, each listed by name, plain and encrypted', async () => {
    const text = enteText(accounts, new Set([1, 4]));
    const expected = accounts.filter((_, i) => i !== 1 && i !== 4);
    const skipped = [1, 4].map((i) => [`${accounts[i]!.issuer} (${accounts[i]!.account})`, 'in-trash']);
    const plain = await importBytes(text);
    expect(plain.accounts.map((a) => a.secret)).toEqual(expected.map((a) => a.secret));
    expect(plain.skipped.map((s) => [s.name, s.reason.code])).toEqual(skipped);
    const sealed = await importBytes(await writeEnte(text, 'pw'), 'pw');
    expect(sealed.accounts.map((a) => a.secret)).toEqual(expected.map((a) => a.secret));
    expect(sealed.skipped.map((s) => s.index)).toEqual([1, 4]);
  });

  it('reads 10,000 codes from an encrypted export', async () => {
    const many = makeAccounts(10_000);
    const result = await importBytes(await writeEnte(enteText(many), 'pw', 64 * 1024, 1), 'pw');
    expect(result.accounts).toHaveLength(10_000);
  });

  // libsodium's moderate limits: the memory real exports ask for, with fewer passes than the sensitive level's
  // fallback (256 MiB x 16 took over a minute on a loaded 2-core machine, twice: written here and read back).
  it('opens an export made with libsodium\'s moderate limits (256 MiB, 3 passes)', { timeout: 60_000 }, async () => {
    const file = await writeEnte(enteText(accounts), 'real', 256 * 1024 * 1024, 3);
    expectSameAccounts(await importBytes(file, 'real'), accounts);
  });
});

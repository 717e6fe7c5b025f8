// 2FAS backups written independently (node:crypto PBKDF2-SHA256 + AES-GCM) are read back entry for entry.
import { describe, expect, it } from 'vitest';
import { detect, expectImportError, expectSameAccounts, importBytes } from './helpers.ts';
import { makeAccounts } from './writers/accounts.ts';
import { twoFasServices, writeTwoFas } from './writers/two-fas.ts';

describe('2FAS import', () => {
  const accounts = makeAccounts(6).map((a, i) => ({ ...a, groups: i === 2 ? ['Work'] : [] }));

  it('reads a plain backup with its group and the service link offered as a URL', async () => {
    const file = writeTwoFas(accounts);
    expect(detect(file)).toEqual({ format: 'two-fas', app: '2FAS', encrypted: false, entries: 6 });
    const result = await importBytes(file);
    expectSameAccounts(result, accounts);
    expect(result.accounts[2]?.groups).toEqual(['Work']);
    expect(result.accounts[0]?.url).toBe('https://issuer0.example/');
  });

  it('reads an encrypted backup with the app\'s real parameters (10,000 iterations, 256-byte salt)', async () => {
    const file = writeTwoFas(accounts, 'pass phrase');
    expect(detect(file)).toEqual({ format: 'two-fas', app: '2FAS', encrypted: true, entries: null });
    expectSameAccounts(await importBytes(file, 'pass phrase'), accounts);
  });

  it('refuses a wrong password through the reference, importing nothing', async () => {
    const file = writeTwoFas(accounts, 'pass phrase');
    await expectImportError(importBytes(file), 'password-required');
    await expectImportError(importBytes(file, 'pass frase'), 'wrong-password');
  });

  it('says the services were altered when the reference opens but their tag fails', async () => {
    const file = JSON.parse(writeTwoFas(accounts, 'pw'));
    const [ct, salt, iv] = (file.servicesEncrypted as string).split(':') as [string, string, string];
    const bytes = Buffer.from(ct, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    file.servicesEncrypted = [bytes.toString('base64'), salt, iv].join(':');
    await expectImportError(importBytes(JSON.stringify(file), 'pw'), 'tampered');
    delete file.reference;
    await expectImportError(importBytes(JSON.stringify(file), 'pw'), 'wrong-password');
  });

  it('refuses truncated and damaged files', async () => {
    const file = writeTwoFas(accounts, 'pw');
    await expectImportError(importBytes(file.slice(0, -40), 'pw'), 'unrecognised-format');
    const damaged = JSON.parse(file);
    damaged.servicesEncrypted = 'only:two';
    await expectImportError(importBytes(JSON.stringify(damaged), 'pw'), 'malformed-file');
    damaged.schemaVersion = 9;
    await expectImportError(importBytes(JSON.stringify(damaged), 'pw'), 'unsupported-version');
  });

  it('reports odd services one by one and imports the rest', async () => {
    const services = twoFasServices(accounts.slice(0, 2));
    services.push(
      { name: 'NoSecret', otp: { tokenType: 'TOTP' } },
      { name: 'Weird', secret: 'JBSWY3DPEHPK3PXP', otp: { tokenType: 'MOTP' } },
      { name: 'Short', secret: 'JBSWY3DP', otp: { tokenType: 'TOTP' } },
    );
    const result = await importBytes(writeTwoFas([], 'pw', services), 'pw');
    expect(result.accounts).toHaveLength(2);
    expect(result.skipped.map((s) => [s.name, s.reason.code])).toEqual([
      ['NoSecret', 'invalid-entry'], ['Weird', 'unsupported-type'], ['Short', 'invalid-entry'],
    ]);
  });

  it('reads 10,000 services', async () => {
    const many = makeAccounts(10_000);
    const result = await importBytes(writeTwoFas(many, 'pw'), 'pw');
    expect(result.accounts).toHaveLength(10_000);
  });
});

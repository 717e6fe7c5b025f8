// Authenticator-Extension backups (plain, v1, v2, v3) written independently are read back; wrong passwords import nothing.
import { describe, expect, it } from 'vitest';
import { detect, expectImportError, expectSameAccounts, importBytes } from './helpers.ts';
import { makeAccounts } from './writers/accounts.ts';
import { cryptoJsEncrypt, rawEntry, writePlain, writeV1, writeV2, writeV3 } from './writers/authenticator-extension.ts';

const APP = 'Authenticator (browser extension)';

describe('Authenticator-Extension import', () => {
  const accounts = makeAccounts(5).map((a, i) => ({ ...a, favorite: i === 0 }));

  it('reads a plain backup, pins as favourites', async () => {
    const file = writePlain(accounts);
    expect(detect(file)).toEqual({ format: 'authenticator-extension', app: APP, encrypted: false, entries: 5 });
    const result = await importBytes(file);
    expectSameAccounts(result, accounts);
    expect(result.accounts[0]?.favorite).toBe(true);
  });

  it('reads a v3 backup with the app\'s Argon2id settings and counts its entries before the password', async () => {
    const file = await writeV3(accounts, 'ext pw');
    expect(detect(file)).toEqual({ format: 'authenticator-extension', app: APP, encrypted: true, entries: 5 });
    expectSameAccounts(await importBytes(file, 'ext pw'), accounts);
    await expectImportError(importBytes(file), 'password-required');
    await expectImportError(importBytes(file, 'ext pv'), 'wrong-password');
  });

  it('refuses a v3 key check asking for too much Argon2id memory before deriving it', async () => {
    const file = JSON.parse(await writeV3(accounts.slice(0, 1), 'pw'));
    const key = Object.values(file).find((v) => (v as { dataType: string }).dataType === 'Key') as { hash: string };
    key.hash = key.hash.replace('m=19456', 'm=4194304');
    await expectImportError(importBytes(JSON.stringify(file), 'pw'), 'kdf-too-costly');
  });

  it('reads legacy v1 and v2 backups and refuses wrong passwords', async () => {
    expectSameAccounts(await importBytes(writeV1(accounts, 'old'), 'old'), accounts);
    await expectImportError(importBytes(writeV1(accounts, 'old'), 'new'), 'wrong-password');
    expectSameAccounts(await importBytes(writeV2(accounts, 'older'), 'older'), accounts);
    await expectImportError(importBytes(writeV2(accounts, 'older'), 'newer'), 'wrong-password');
  });

  it('turns hex secrets and Battle.net entries into ordinary accounts and lists what it cannot use', async () => {
    const file = JSON.parse(writePlain(accounts.slice(0, 1)));
    file.h = { ...rawEntry(accounts[0]!, 1), type: 'hex', secret: '3132333435363738393031323334353637383930', hash: 'h' };
    file.b = { ...rawEntry(accounts[0]!, 2), type: 'battle', hash: 'b' };
    file.g = { ...rawEntry(accounts[0]!, 3), algorithm: 'GOST3411_2012_256', hash: 'g' };
    file.x = { ...rawEntry(accounts[0]!, 4), type: 'hhex', secret: 'zz', hash: 'x' };
    const result = await importBytes(JSON.stringify(file));
    expect(result.accounts.map((a) => [a.type, a.digits, a.secret.slice(0, 8)])).toEqual([
      ['totp', 6, accounts[0]!.secret.slice(0, 8)], ['totp', 6, 'GEZDGNBV'], ['totp', 8, accounts[0]!.secret.slice(0, 8)],
    ]);
    expect(result.skipped.map((s) => s.reason.code)).toEqual(['unsupported-algorithm', 'malformed-entry']);
  });

  it('reports an entry that does not decrypt and imports the others', async () => {
    const file = JSON.parse(await writeV3(accounts, 'pw'));
    const enc = Object.entries(file).find(([, v]) => (v as { dataType: string }).dataType === 'EncOTPStorage') as [string, { data: string }];
    enc[1].data = cryptoJsEncrypt('{"not":"an entry"', 'another key');
    const result = await importBytes(JSON.stringify(file), 'pw');
    expect(result.accounts).toHaveLength(4);
    expect(result.skipped.map((s) => s.reason.code)).toEqual(['undecryptable-entry']);
  });

  it('reads 10,000 entries of a v3 backup', async () => {
    const result = await importBytes(await writeV3(makeAccounts(10_000), 'pw'), 'pw');
    expect(result.accounts).toHaveLength(10_000);
  });
});

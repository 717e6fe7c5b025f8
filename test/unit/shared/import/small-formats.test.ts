// andOTP, FreeOTP+, LastPass, Proton Authenticator and Authenticator Pro exports written independently are read back.
import { describe, expect, it } from 'vitest';
import { detect, expectImportError, expectSameAccounts, importBytes } from './helpers.ts';
import { makeAccounts } from './writers/accounts.ts';
import {
  andOtpList, authProBackup, protonPlain, writeAndOtpEncrypted, writeAuthProEncrypted, writeFreeOtpPlus, writeLastPass, writeProtonEncrypted,
} from './writers/small-formats.ts';

const accounts = makeAccounts(5).map((a, i) => ({ ...a, groups: i === 1 ? ['Work'] : [], favorite: i === 2, note: i === 3 ? 'kept' : '' }));
const totpOnly = accounts.filter((a) => a.type === 'totp');

describe('andOTP import', () => {
  it('reads a plain backup with tags, and the old "Issuer - name" labels', async () => {
    const list = andOtpList(accounts);
    expect(detect(JSON.stringify(list))).toEqual({ format: 'andotp', app: 'andOTP', encrypted: false, entries: 5 });
    const result = await importBytes(JSON.stringify(list));
    expectSameAccounts(result, accounts);
    expect(result.accounts[1]?.groups).toEqual(['Work']);
    const old = [{ ...list[0], issuer: undefined, label: 'Old Issuer - me' }];
    expect((await importBytes(JSON.stringify(old))).accounts[0]).toMatchObject({ issuer: 'Old Issuer', account: 'me' });
  });

  it('reads .json.aes in both layouts, with the app\'s real iteration counts', async () => {
    const json = JSON.stringify(andOtpList(accounts));
    const file = writeAndOtpEncrypted(json, 'otp pw', 145_776);
    expect(detect(file)).toEqual({ format: 'andotp', app: 'andOTP', encrypted: true, entries: null });
    expectSameAccounts(await importBytes(file, 'otp pw'), accounts);
    expectSameAccounts(await importBytes(writeAndOtpEncrypted(json, 'old pw', 'old'), 'old pw'), accounts);
  });

  it('refuses a wrong password, an altered tag, a truncated file and an absurd iteration count', async () => {
    const file = writeAndOtpEncrypted(JSON.stringify(andOtpList(accounts)), 'pw');
    await expectImportError(importBytes(file), 'password-required');
    await expectImportError(importBytes(file, 'pv'), 'wrong-password');
    const altered = Buffer.from(file);
    altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1;
    await expectImportError(importBytes(altered, 'pw'), 'wrong-password');
    await expectImportError(importBytes(file.subarray(0, 20), 'pw'), 'wrong-password', 'unrecognised-format');
    const huge = Buffer.from(file);
    huge.writeUInt32BE(0x7fffffff, 0);
    await expectImportError(importBytes(huge, 'pw'), 'kdf-too-costly');
  });

  it('reports odd entries and reads 10,000', async () => {
    const list = [...andOtpList(accounts.slice(0, 1)), { secret: 'JBSWY3DPEHPK3PXP', label: 'x', type: 'MOTP' }, { secret: 12, label: 'y', type: 'TOTP' }];
    const result = await importBytes(JSON.stringify(list));
    expect(result.skipped.map((s) => [s.name, s.reason.code])).toEqual([['x', 'unsupported-type'], ['y', 'malformed-entry']]);
    expect((await importBytes(JSON.stringify(andOtpList(makeAccounts(10_000))))).accounts).toHaveLength(10_000);
  });
});

describe('FreeOTP+ import', () => {
  it('reads signed-byte secrets back into the same accounts', async () => {
    const file = writeFreeOtpPlus(totpOnly);
    expect(detect(file)).toEqual({ format: 'freeotp-plus', app: 'FreeOTP+', encrypted: false, entries: totpOnly.length });
    expectSameAccounts(await importBytes(file), totpOnly);
  });

  it('reports a token whose secret is not bytes, and reads 10,000', async () => {
    const file = JSON.parse(writeFreeOtpPlus(totpOnly));
    file.tokens.push({ label: 'broken', secret: 'abc', type: 'TOTP' }, { label: 'huge', secret: [999], type: 'TOTP' });
    const result = await importBytes(JSON.stringify(file));
    expect(result.skipped.map((s) => [s.name, s.reason.code])).toEqual([['broken', 'malformed-entry'], ['huge', 'malformed-entry']]);
    expect((await importBytes(writeFreeOtpPlus(makeAccounts(10_000).filter((a) => a.type === 'totp')))).accounts).toHaveLength(6_000);
  });
});

describe('LastPass Authenticator import', () => {
  it('reads accounts with folders and favourites', async () => {
    const file = writeLastPass(totpOnly);
    expect(detect(file)).toEqual({ format: 'lastpass', app: 'LastPass Authenticator', encrypted: false, entries: totpOnly.length });
    const result = await importBytes(file);
    expectSameAccounts(result, totpOnly);
    expect(result.accounts[1]).toMatchObject({ groups: ['Work'], favorite: false });
    expect(result.accounts[2]?.favorite).toBe(true);
  });

  it('reports a broken account and imports the rest', async () => {
    const file = JSON.parse(writeLastPass(totpOnly));
    file.accounts.push({ issuerName: 'Gone', userName: 'me', secret: '', timeStep: 30, digits: 6, algorithm: 'SHA1' });
    const result = await importBytes(JSON.stringify(file));
    expect(result.accounts).toHaveLength(totpOnly.length);
    expect(result.skipped.map((s) => [s.name, s.reason.code])).toEqual([['Gone (me)', 'invalid-entry']]);
  });
});

describe('Proton Authenticator import', () => {
  it('reads a plain export with notes and Steam links', async () => {
    const file = protonPlain(accounts);
    expect(detect(file)).toEqual({ format: 'proton', app: 'Proton Authenticator', encrypted: false, entries: 5 });
    const result = await importBytes(file);
    expect(result.accounts.map((a) => [a.type, a.secret])).toEqual(accounts.map((a) => [a.type, a.secret]));
    expect(result.accounts[3]?.note).toBe('kept');
    // The Steam entry's link is steam://SECRET: its name comes from the entry.
    expect(result.accounts[4]).toMatchObject({ type: 'steam', issuer: 'Steam', account: 'Steam' });
    const broken = JSON.parse(file);
    broken.entries[0].content.uri = 'otpauth://motp/x?secret=JBSWY3DPEHPK3PXP';
    expect((await importBytes(JSON.stringify(broken))).skipped.map((s) => [s.name, s.reason.code])).toEqual([['Issuer 0', 'unsupported-type']]);
  });

  it('reads an encrypted export (the app\'s Argon2id 19 MiB, 2 passes, with its AAD) and refuses a wrong password', async () => {
    const file = await writeProtonEncrypted(protonPlain(totpOnly), 'proton pw');
    expect(detect(file)).toEqual({ format: 'proton', app: 'Proton Authenticator', encrypted: true, entries: null });
    expectSameAccounts(await importBytes(file, 'proton pw'), totpOnly);
    await expectImportError(importBytes(file, 'proton pv'), 'wrong-password');
    const cut = JSON.parse(file);
    cut.content = cut.content.slice(0, 20);
    await expectImportError(importBytes(JSON.stringify(cut), 'proton pw'), 'malformed-file');
  });
});

describe('Authenticator Pro import', () => {
  it('reads a JSON backup with categories and lists mOTP and Yandex by name', async () => {
    const backup = authProBackup(accounts) as { Authenticators: Record<string, unknown>[] };
    backup.Authenticators.push({ Type: 3, Issuer: 'Old', Username: 'm', Secret: 'JBSWY3DPEHPK3PXP', Pin: '1234', Algorithm: 0, Digits: 6, Period: 10, Counter: 0 });
    backup.Authenticators.push({ Type: 5, Issuer: 'Yandex', Username: 'y', Secret: 'JBSWY3DPEHPK3PXP', Pin: '1234', Algorithm: 0, Digits: 8, Period: 30, Counter: 0 });
    const file = JSON.stringify(backup);
    expect(detect(file)).toEqual({ format: 'authenticator-pro', app: 'Authenticator Pro', encrypted: false, entries: 7 });
    const result = await importBytes(file);
    expect(result.accounts).toHaveLength(5);
    expect(result.accounts[1]?.groups).toEqual(['Work']);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Old (m)', { code: 'unsupported-type', type: 'mOTP' }], ['Yandex (y)', { code: 'unsupported-type', type: 'Yandex' }],
    ]);
  });

  it('reads an encrypted backup with the app\'s real Argon2id (t=3, 64 MiB, p=4), and the legacy PBKDF2 layout', async () => {
    const json = JSON.stringify(authProBackup(accounts));
    const file = await writeAuthProEncrypted(json, 'pro pw');
    expect(detect(file)).toEqual({ format: 'authenticator-pro', app: 'Authenticator Pro', encrypted: true, entries: null });
    expectSameAccounts(await importBytes(file, 'pro pw'), accounts);
    await expectImportError(importBytes(file, 'pro pv'), 'wrong-password');
    const legacy = await writeAuthProEncrypted(json, 'legacy', true);
    expectSameAccounts(await importBytes(legacy, 'legacy'), accounts);
    await expectImportError(importBytes(legacy, 'legacz'), 'wrong-password');
    await expectImportError(importBytes(legacy.subarray(0, 40), 'legacy'), 'malformed-file');
  });
});

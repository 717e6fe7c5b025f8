// The background vault in real Chromium, driven through chrome.runtime.sendMessage from an extension page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { createHmac, randomBytes } from 'node:crypto';
import { base32Decode, base32Encode, generateCode, generateDataKey, wrapKey, type OtpAccount } from '../../src/shared/index.ts';
import type { AccountRecord } from '../../extension/background/vault/account-record.ts';
import { sealAccountRow } from '../../extension/background/vault/record-seal.ts';
import { callBackgroundFrom, sendFromExtensionPage, type Harness } from './harness.ts';
import { freshVaultPerTest } from './fresh-vault.ts';

const PASSWORD = 'Correct-Horse-9';
const call = sendFromExtensionPage;
const value = callBackgroundFrom;

function totp(issuer: string, secret: string, extra: Partial<OtpAccount> = {}): OtpAccount {
  return { type: 'totp', issuer, account: `${issuer.toLowerCase()}@example.com`, secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, ...extra };
}

/** RFC 6238 over node:crypto, written out apart from the extension's code. */
function referenceTotp(account: OtpAccount, step: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const mac = createHmac(account.algorithm.toLowerCase(), Buffer.from(base32Decode(account.secret))).update(message).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** account.digits).padStart(account.digits, '0');
}

// Built by hand: one protobuf MigrationPayload with two accounts, the second one HOTP with counter 5.
function migrationUri(): string {
  const bytes = (n: number, b: number[]) => [(n << 3) | 2, b.length, ...b];
  const text = (n: number, s: string) => bytes(n, [...Buffer.from(s)]);
  const entry1 = [...bytes(1, [...Buffer.from('migrated-one!!')]), ...text(2, 'Mig:one'), ...text(3, 'Mig')];
  const entry2 = [...bytes(1, [...Buffer.from('migrated-two!!')]), ...text(2, 'two'), ...text(3, 'Mig2'), 6 << 3, 1, 7 << 3, 5];
  const payload = Buffer.from([...bytes(1, entry1), ...bytes(1, entry2), 2 << 3, 1]);
  return `otpauth-migration://offline?data=${encodeURIComponent(payload.toString('base64'))}`;
}

describe('the vault in the background service worker', () => {
  let h: Harness;
  let page: Page;

  // Each test starts from no vault: the database is deleted from the extension's own origin.
  freshVaultPerTest((fresh) => ({ h, page } = fresh));

  it('creates a vault only with a strong password, and only once', async () => {
    expect(await value(page, 'getStatus')).toEqual({
      vault: 'none', settings: { autoLockMinutes: 15, autofillMode: 'automatic', submitAfterFill: false, useCorrectedTime: false },
    });
    expect(await call(page, 'unlock', { password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'no_vault' } });
    for (const weak of ['short1A', 'password123', 'alllowercase', 'aaaaaaaaaaaaaaaaaaaa']) {
      expect(await call(page, 'createVault', { password: weak })).toMatchObject({ ok: false, error: { code: 'weak_password' } });
    }
    expect(await value(page, 'getStatus')).toMatchObject({ vault: 'none' });
    expect(await value(page, 'createVault', { password: PASSWORD })).toEqual({ vault: 'unlocked' });
    expect(await call(page, 'createVault', { password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'vault_exists' } });
    expect(await value(page, 'getStatus')).toMatchObject({ vault: 'unlocked' });
  });

  it('adds an account whose code equals generateCode at that moment, with the next code', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    const account = totp('ACME', 'JBSWY3DPEHPK3PXP');
    const { added } = await value<{ added: { id: string; issuer: string; origins: string[] }[] }>(page, 'addAccounts', {
      drafts: [{ account, origins: ['https://Login.ACME.example.com/x'], notes: 'backup codes in the safe' }],
    });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ issuer: 'ACME', origins: ['https://login.acme.example.com'], notes: 'backup codes in the safe' });
    expect(added[0]).not.toHaveProperty('secret');
    const { at, codes } = await value<{ at: number; codes: { id: string; code: string; nextCode: string; validUntil: number }[] }>(page, 'getCodes', {});
    expect(codes).toEqual([{
      id: added[0]!.id, period: 30, code: await generateCode(account, at),
      nextCode: await generateCode(account, at + 30_000), validUntil: (Math.floor(at / 30_000) + 1) * 30_000,
    }]);
    const some = await value<{ codes: { id: string }[] }>(page, 'getCodes', { ids: ['no-such-id', added[0]!.id] });
    expect(some.codes.map((c) => c.id)).toEqual([added[0]!.id]);
  });

  it('makes SHA-256 and SHA-512 codes in the worker equal to an HMAC written out with node:crypto, before and after a lock', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    const drafts = (['SHA1', 'SHA256', 'SHA512'] as const).map((algorithm, i) => ({
      account: totp(`Algo ${algorithm}`, base32Encode(randomBytes(20 + 12 * i)), { algorithm, digits: 8, period: 30 + i * 15 }),
    }));
    const { added } = await value<{ added: { id: string }[] }>(page, 'addAccounts', { drafts });
    const expectMatching = async (): Promise<void> => {
      const { at, codes } = await value<{ at: number; codes: { id: string; code: string; nextCode: string }[] }>(page, 'getCodes', {});
      for (const [i, { account }] of drafts.entries()) {
        const step = Math.floor(at / 1000 / account.period);
        expect(codes.find((c) => c.id === added[i]!.id)).toMatchObject({
          code: referenceTotp(account, step), nextCode: referenceTotp(account, step + 1),
        });
      }
    };
    await expectMatching();
    // The lock drops the worker's imported keys; the codes after the unlock come from keys imported anew.
    await value(page, 'lock');
    await value(page, 'unlock', { password: PASSWORD });
    await expectMatching();
  });

  it('refuses a wrong password, and locks and unlocks with the right one', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    await value(page, 'addAccounts', { drafts: [{ account: totp('Bank', 'GEZDGNBVGY3TQOJQGEZDGNBVGY') }] });
    expect(await value(page, 'lock')).toEqual({ vault: 'locked' });
    expect(await value(page, 'getStatus')).toMatchObject({ vault: 'locked' });
    expect(await call(page, 'listAccounts')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call(page, 'getCodes', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call(page, 'unlock', { password: 'Correct-Horse-8' })).toEqual({ ok: false, error: { code: 'wrong_password', message: 'Wrong password' } });
    expect(await value(page, 'unlock', { password: PASSWORD })).toEqual({ vault: 'unlocked' });
    const { accounts } = await value<{ accounts: { issuer: string }[] }>(page, 'listAccounts');
    expect(accounts.map((a) => a.issuer)).toEqual(['Bank']);
  });

  it('changes the master password without touching the accounts', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    await value(page, 'addAccounts', { drafts: [{ account: totp('Mail', 'MFRGGZDFMZTWQ2LK') }] });
    expect(await call(page, 'changeMasterPassword', { current: 'nope-Nope-1', next: 'Another-Pass-7' })).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    expect(await call(page, 'changeMasterPassword', { current: PASSWORD, next: 'weak' })).toMatchObject({ ok: false, error: { code: 'weak_password' } });
    expect(await value(page, 'changeMasterPassword', { current: PASSWORD, next: 'Another-Pass-7' })).toEqual({ changed: true });
    await value(page, 'lock');
    expect(await call(page, 'unlock', { password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    await value(page, 'unlock', { password: 'Another-Pass-7' });
    expect((await value<{ accounts: { issuer: string }[] }>(page, 'listAccounts')).accounts.map((a) => a.issuer)).toEqual(['Mail']);
  });

  it('opens a vault written elsewhere with a weaker KDF and raises it to 600,000 iterations at unlock', async () => {
    // Written in Node with the shared crypto: the browser must read exactly the same format.
    const dataKey = await generateDataKey();
    const header = { schemaVersion: 1, wrappedKey: await wrapKey(dataKey, PASSWORD, { kdf: { name: 'PBKDF2-SHA256', iterations: 1000 } }), createdAt: 1 };
    const account = totp('Legacy', 'JBSWY3DPEHPK3PXP');
    // A record as version 1 wrote it: no groups, no favourite.
    const legacy = { account, origins: [], notes: '', recoveryCodes: [], createdAt: 1 } as Omit<AccountRecord, 'groups' | 'favourite'>;
    const row = await sealAccountRow(dataKey, 'legacy-1', 0, legacy as AccountRecord, 1);
    await value(page, 'getStatus'); // lets the worker create the empty schema
    await page.evaluate((hdr: unknown, r: unknown) => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('keyfob-vault');
      open.onerror = () => reject(new Error('open failed'));
      open.onsuccess = () => {
        const tx = open.result.transaction(['header', 'accounts'], 'readwrite');
        tx.objectStore('header').put(hdr, 'vault');
        tx.objectStore('accounts').put(r);
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(new Error('write failed'));
      };
    }), header, row);
    const iterations = () => page.evaluate(() => new Promise<number>((resolve) => {
      const open = indexedDB.open('keyfob-vault');
      open.onsuccess = () => {
        const get = open.result.transaction('header').objectStore('header').get('vault');
        get.onsuccess = () => { open.result.close(); resolve((get.result as { wrappedKey: { kdf: { iterations: number } } }).wrappedKey.kdf.iterations); };
      };
    }));
    expect(await iterations()).toBe(1000);
    expect(await value(page, 'getStatus')).toMatchObject({ vault: 'locked' });
    await value(page, 'unlock', { password: PASSWORD });
    expect(await iterations()).toBe(600_000);
    const { at, codes } = await value<{ at: number; codes: { id: string; code: string }[] }>(page, 'getCodes', {});
    expect(codes).toMatchObject([{ id: 'legacy-1', code: await generateCode(account, at) }]);
    const listed = await value<{ accounts: unknown[]; corrupt: unknown[] }>(page, 'listAccounts');
    expect(listed).toMatchObject({ accounts: [{ id: 'legacy-1', groups: [], favourite: false }], corrupt: [] });
    await value(page, 'lock');
    await value(page, 'unlock', { password: PASSWORD });
  });

  it('does not save the same secret and parameters twice, even written differently', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    await value(page, 'addAccounts', { drafts: [{ account: totp('One', 'JBSWY3DPEHPK3PXP') }] });
    const again = await value<{ added: unknown[]; duplicates: unknown[] }>(page, 'addAccounts', {
      drafts: [{ account: totp('Other name', 'jbsw y3dp ehpk 3pxp') }, { account: totp('Two', 'KRUGS4ZANFZSA5DIMUQHI2LNMU') }, { account: totp('Two again', 'KRUGS4ZANFZSA5DIMUQHI2LNMU') }],
    });
    expect(again.added).toHaveLength(1);
    expect(again.duplicates).toEqual([{ issuer: 'Other name', account: 'other name@example.com' }, { issuer: 'Two again', account: 'two again@example.com' }]);
    expect((await value<{ accounts: unknown[] }>(page, 'listAccounts')).accounts).toHaveLength(2);
    // The same secret with 8 digits, or as an HOTP counter, makes other codes: another account, added (issue 22).
    const other = await value<{ added: unknown[]; duplicates: unknown[] }>(page, 'addAccounts', {
      drafts: [{ account: { ...totp('Eight', 'JBSWY3DPEHPK3PXP'), digits: 8 } }, { account: { ...totp('Counter', 'JBSWY3DPEHPK3PXP'), type: 'hotp' } }],
    });
    expect([other.added.length, other.duplicates]).toEqual([2, []]);
  });

  it('edits, deletes and advances HOTP accounts', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    const hotp = { ...totp('Counter', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), type: 'hotp', counter: 3 } as OtpAccount;
    const { added } = await value<{ added: { id: string }[] }>(page, 'addAccounts', { drafts: [{ account: hotp }] });
    const id = added[0]!.id;
    expect((await value<{ codes: unknown[] }>(page, 'getCodes', {})).codes).toEqual([]);
    expect(await value(page, 'nextHotpCode', { id })).toEqual({ code: await generateCode(hotp), counter: 3 });
    expect(await value(page, 'nextHotpCode', { id })).toEqual({ code: await generateCode({ ...hotp, counter: 4 }), counter: 4 });
    // Binding a site hands out every future code there: refused without the master password, and with a wrong one.
    const rebind = { id, patch: { issuer: 'Renamed', origins: ['shop.example.org', 'localhost:3000'], notes: 'n' } };
    expect(await call(page, 'updateAccount', rebind)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(page, 'updateAccount', { ...rebind, masterPassword: `${PASSWORD}x` })).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    expect((await value<{ accounts: { origins: string[] }[] }>(page, 'listAccounts')).accounts[0]?.origins).toEqual([]);
    const { account } = await value<{ account: Record<string, unknown> }>(page, 'updateAccount', { ...rebind, masterPassword: PASSWORD });
    expect(account).toMatchObject({ issuer: 'Renamed', origins: ['https://shop.example.org', 'http://localhost:3000'], notes: 'n', counter: 5 });
    expect(await call(page, 'updateAccount', { id, patch: { origins: ['ftp://files.example.com'] } })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    // Groups and the star change without the master password, and keep everything else.
    const starred = await value<{ account: Record<string, unknown> }>(page, 'updateAccount', { id, patch: { groups: [' Shop', 'Shop', 'Home'], favourite: true } });
    expect(starred.account).toMatchObject({ issuer: 'Renamed', notes: 'n', groups: ['Shop', 'Home'], favourite: true });
    expect(await call(page, 'updateAccount', { id, patch: { favourite: 'yes' } })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect((await value<{ accounts: unknown[] }>(page, 'listAccounts')).accounts[0]).toMatchObject({ groups: ['Shop', 'Home'], favourite: true });
    expect(await value(page, 'deleteAccount', { id })).toEqual({ deleted: true });
    expect(await call(page, 'deleteAccount', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await value<{ accounts: unknown[] }>(page, 'listAccounts')).accounts).toEqual([]);
  });

  it('stays unlocked when the service worker is stopped and restarted', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    await value(page, 'addAccounts', { drafts: [{ account: totp('Survivor', 'JBSWY3DPEHPK3PXP') }] });
    const workers = () => h.browser.targets().filter((t) => t.type() === 'service_worker' && t.url().includes(h.extensionId));
    expect(workers()).toHaveLength(1);
    const cdp = await page.createCDPSession();
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    // Module variables die with the worker: wait until it is really gone before asking again.
    for (let i = 0; i < 100 && workers().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(workers()).toHaveLength(0);
    const status = await value(page, 'getStatus');
    expect(status).toMatchObject({ vault: 'unlocked' });
    expect((await value<{ accounts: { issuer: string }[] }>(page, 'listAccounts')).accounts.map((a) => a.issuer)).toEqual(['Survivor']);
  });

  it('reports records swapped between two ids as corrupt and still loads the others', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    const { added } = await value<{ added: { id: string }[] }>(page, 'addAccounts', {
      drafts: ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK'].map((s, i) => ({ account: totp(`Acct${i}`, s) })),
    });
    const [a, b, c] = added.map((x) => x.id);
    await page.evaluate((idA: string, idB: string) => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('keyfob-vault');
      open.onerror = () => reject(new Error('open failed'));
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('accounts', 'readwrite');
        const store = tx.objectStore('accounts');
        const ga = store.get(idA);
        const gb = store.get(idB);
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(new Error('swap failed'));
        gb.onsuccess = () => {
          const rowA = ga.result as { sealed: unknown };
          const rowB = gb.result as { sealed: unknown };
          store.put({ ...rowA, sealed: rowB.sealed });
          store.put({ ...rowB, sealed: rowA.sealed });
        };
      };
    }), a!, b!);
    const list = await value<{ accounts: { id: string; issuer: string }[]; corrupt: { id: string }[] }>(page, 'listAccounts');
    expect(list.accounts.map((x) => [x.id, x.issuer])).toEqual([[c, 'Acct2']]);
    expect(list.corrupt.map((x) => x.id).sort()).toEqual([a, b].sort());
    expect((await value<{ codes: { id: string }[] }>(page, 'getCodes', {})).codes.map((x) => x.id)).toEqual([c]);
    expect(await call(page, 'updateAccount', { id: a, patch: { notes: 'x' } })).toMatchObject({ ok: false, error: { code: 'corrupt_record' } });
    expect(await value(page, 'deleteAccount', { id: a })).toEqual({ deleted: true });
  });

  it('refuses malformed accounts, URIs and migration payloads with clear errors and saves nothing', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    const bad = await call(page, 'addAccounts', { drafts: [{ account: totp('Good', 'JBSWY3DPEHPK3PXP') }, { account: totp('Bad', 'not base32!') }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_account' } });
    expect(!bad.ok && bad.error.message).toMatch(/base32/);
    expect(await call(page, 'addAccounts', { drafts: [{ account: { ...totp('Short', 'JBSWY3DP'), digits: 6 } }] })).toMatchObject({ ok: false, error: { code: 'invalid_account' } });
    expect(await call(page, 'addAccounts', { drafts: [{ account: { issuer: 'x' } }] })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const imported = await value<{ added: number; duplicates: number; failed: { line: number; message: string }[] }>(page, 'importData', {
      text: ['otpauth://totp/Nope?secret=', 'https://example.com', '', 'otpauth-migration://offline?data=%%%', 'otpauth-migration://offline?data=CgA'].join('\n'),
    });
    expect(imported.added).toBe(0);
    expect(imported.failed.map((f) => f.line)).toEqual([1, 2, 4, 5]);
    for (const f of imported.failed) expect(f.message.length).toBeGreaterThan(15);
    expect(await value(page, 'listAccounts')).toEqual({ accounts: [], corrupt: [] });
  });

  it('imports plain otpauth lists and Google Authenticator exports without overwriting', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    await value(page, 'addAccounts', { drafts: [{ account: totp('Kept', 'JBSWY3DPEHPK3PXP'), notes: 'keep me' }] });
    const result = await value(page, 'importData', {
      text: `# comment\notpauth://totp/Other:me?secret=JBSWY3DPEHPK3PXP&issuer=Other\notpauth://totp/New:me?secret=KRUGS4ZANFZSA5DIMUQHI2LNMU\n${migrationUri()}\n`,
    });
    expect(result).toEqual({ added: 3, duplicates: 1, failed: [] });
    const { accounts } = await value<{ accounts: Record<string, unknown>[] }>(page, 'listAccounts');
    expect(accounts.map((a) => [a.issuer, a.account, a.type, a.counter])).toEqual([
      ['Kept', 'kept@example.com', 'totp', 0], ['New', 'me', 'totp', 0], ['Mig', 'one', 'totp', 0], ['Mig2', 'two', 'hotp', 5],
    ]);
    expect(accounts[0]).toMatchObject({ notes: 'keep me' });
  });

  it('exports a plain otpauth list only with the master password', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    await value(page, 'addAccounts', { drafts: [{ account: totp('Plain', 'JBSWY3DPEHPK3PXP') }] });
    expect(await call(page, 'exportVault', { format: 'otpauth', masterPassword: 'Wrong-Pass-1' })).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    const file = await value<{ fileName: string; mimeType: string; text: string }>(page, 'exportVault', { format: 'otpauth', masterPassword: PASSWORD });
    expect(file.mimeType).toBe('text/plain');
    expect(file.text).toContain('otpauth://totp/Plain:plain%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Plain');
    expect(await call(page, 'exportVault', { format: 'encrypted', masterPassword: PASSWORD, backupPassword: 'weak' })).toMatchObject({ ok: false, error: { code: 'weak_password' } });
  });

  it('keeps settings with defaults and refuses invalid values', async () => {
    const { settings } = await value<{ settings: Record<string, unknown> }>(page, 'updateSettings', { patch: { autoLockMinutes: 5, submitAfterFill: true } });
    expect(settings).toEqual({ autoLockMinutes: 5, autofillMode: 'automatic', submitAfterFill: true, useCorrectedTime: false });
    expect(await call(page, 'updateSettings', { patch: { autofillMode: 'always' } })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await call(page, 'updateSettings', { patch: { autoLockMinutes: -1 } })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect((await value(page, 'getStatus')).settings).toEqual(settings);
    await value(page, 'createVault', { password: PASSWORD });
    // While unlocked with a positive idle time, the auto-lock backstop alarm is armed; Lock disarms it.
    expect(await page.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name))).toContain('keyfob-auto-lock');
    await value(page, 'lock');
    expect(await page.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name))).not.toContain('keyfob-auto-lock');
    await value(page, 'updateSettings', { patch: { autoLockMinutes: 15, submitAfterFill: false } });
  });
});

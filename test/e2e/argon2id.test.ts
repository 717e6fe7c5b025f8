// Argon2id in real Chromium: the worker bundle carries no Argon2id, so a vault or backup that chose it is derived in
// the offscreen page's worker; the vault unlocks, the backup imports, wrong passwords are still told apart.
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEFAULT_ARGON2ID, generateCode, generateDataKey, sealWithPassword, wrapKey } from '../../src/shared/index.ts';
import { argon2idHashWasm } from '../../src/shared/argon2id-hash-wasm.ts';
import { callBackgroundFrom, sendFromExtensionPage, type Harness } from './harness.ts';
import { freshVaultPerTest } from './fresh-vault.ts';
import { totp } from './popup-driver.ts';

const PASSWORD = 'Correct-Horse-9';
const ARGON2ID = { name: 'Argon2id', ...DEFAULT_ARGON2ID } as const;
const call = sendFromExtensionPage;
const value = callBackgroundFrom;

describe('vaults and backups sealed with Argon2id', () => {
  let h: Harness;
  let page: Page;

  freshVaultPerTest((fresh) => ({ h, page } = fresh), { waitIfBlocked: true });

  const offscreenDocuments = async () => (await h.worker()).evaluate(async () =>
    (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length);

  it('unlocks a vault whose key is wrapped with Argon2id (OWASP parameters), keeps Argon2id, and closes the offscreen page', async () => {
    // Written in Node with hash-wasm: the extension must derive exactly the same key outside its worker.
    const header = { schemaVersion: 2, wrappedKey: await wrapKey(await generateDataKey(), PASSWORD, { kdf: ARGON2ID, argon2id: argon2idHashWasm }), createdAt: 1 };
    await value(page, 'getStatus'); // lets the worker create the empty schema
    await page.evaluate((hdr: unknown) => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('keyfob-vault');
      open.onerror = () => reject(new Error('open failed'));
      open.onsuccess = () => {
        const tx = open.result.transaction('header', 'readwrite');
        tx.objectStore('header').put(hdr, 'vault');
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(new Error('write failed'));
      };
    }), header);
    expect(await value(page, 'getStatus')).toMatchObject({ vault: 'locked' });

    expect(await call(page, 'unlock', { password: 'Wrong-Horse-9' })).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    await value(page, 'unlock', { password: PASSWORD });
    expect(await value(page, 'getStatus')).toMatchObject({ vault: 'unlocked' });
    const account = totp('Argon', 'me@argon.test', 'JBSWY3DPEHPK3PXP');
    await value(page, 'addAccounts', { drafts: [{ account }] });
    const { at, codes } = await value<{ at: number; codes: { code: string }[] }>(page, 'getCodes', {});
    expect(codes).toMatchObject([{ code: await generateCode(account, at) }]);
    expect(await offscreenDocuments()).toBe(0);

    // Locked again, the same password opens it again: the header was not rewritten to another KDF.
    await value(page, 'lock');
    await value(page, 'unlock', { password: PASSWORD });
    expect((await value<{ accounts: { issuer: string }[] }>(page, 'listAccounts')).accounts.map((a) => a.issuer)).toEqual(['Argon']);
  });

  it('imports a backup sealed with Argon2id and refuses it under a wrong backup password', async () => {
    await value(page, 'createVault', { password: PASSWORD });
    const content = { accounts: [{ account: totp('Backed', 'me@backup.test', 'KRSXG5CTMVRXEZLU'), notes: 'n', recoveryCodes: ['r-1'] }] };
    const sealed = await sealWithPassword(new TextEncoder().encode(JSON.stringify(content)), 'backup phrase for the test 7', { kdf: ARGON2ID, argon2id: argon2idHashWasm });
    const text = JSON.stringify({ format: 'keyfob-backup', version: 1, createdAt: new Date().toISOString(), sealed });

    expect(await call(page, 'importData', { text, backupPassword: 'not the backup phrase 8' })).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    expect(await value(page, 'importData', { text, backupPassword: 'backup phrase for the test 7' })).toEqual({ added: 1, duplicates: 0, failed: [] });
    expect((await value<{ accounts: { issuer: string }[] }>(page, 'listAccounts')).accounts.map((a) => a.issuer)).toEqual(['Backed']);
    expect(await offscreenDocuments()).toBe(0);
  });
});

// A vault written by Keyfob before origin binding (schema 1, site bindings) opens in today's Keyfob: each site becomes
// its https origin (plus http for loopback and IP hosts), rows are resealed under schema 2, and a loopback account
// bound to a bare host no longer fills on any port of it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { generateCode, type OtpAccount } from '../../src/shared/index.ts';
import { askContentScript, callBackgroundFrom, launchWithExtension, type Harness } from './harness.ts';
import { startLab, type LabServer } from './autofill-setup.ts';
import { nextKeyfobPage, tabIdOf } from './keyfob-window.ts';

interface Fixture { masterPassword: string; version: number; header: { keys: string[]; values: unknown[] }; accounts: unknown[] }
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/vault-v1/keyfob-vault.json'), 'utf8')) as Fixture;

const SECRETS: Record<string, string> = {
  alice: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  bob: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  carol: 'ONSWG4TFORZW63LFNRZWK3TVNZ3GK5DT',
};

interface Listed { id: string; issuer: string; account: string; origins: string[] }

/** Replaces the extension's vault database with the old build's, exactly as that build laid it out (version 1). */
async function writeOldVault(ext: Page): Promise<void> {
  await ext.evaluate((f: Fixture) => new Promise<void>((done, fail) => {
    const del = indexedDB.deleteDatabase('keyfob-vault');
    del.onerror = () => fail(new Error('delete failed'));
    del.onsuccess = () => {
      const open = indexedDB.open('keyfob-vault', 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('header');
        open.result.createObjectStore('accounts', { keyPath: 'id' }).createIndex('position', 'position');
      };
      open.onerror = () => fail(new Error('open failed'));
      open.onsuccess = () => {
        const tx = open.result.transaction(['header', 'accounts'], 'readwrite');
        f.header.values.forEach((v, i) => tx.objectStore('header').put(v, f.header.keys[i]));
        for (const row of f.accounts) tx.objectStore('accounts').put(row);
        tx.oncomplete = () => { open.result.close(); done(); };
        tx.onerror = () => fail(new Error('write failed'));
      };
    };
  }), fixture);
}

function rawRows(ext: Page): Promise<{ version: number; schemas: (number | null)[]; headerSchema: number }> {
  return ext.evaluate(() => new Promise<{ version: number; schemas: (number | null)[]; headerSchema: number }>((done) => {
    const open = indexedDB.open('keyfob-vault');
    open.onsuccess = () => {
      const db = open.result;
      const rows = db.transaction('accounts').objectStore('accounts').getAll();
      rows.onsuccess = () => {
        const header = db.transaction('header').objectStore('header').get('vault');
        header.onsuccess = () => {
          const out = {
            version: db.version,
            schemas: (rows.result as { schema?: number }[]).map((r) => r.schema ?? null),
            headerSchema: (header.result as { schemaVersion: number }).schemaVersion,
          };
          db.close();
          done(out);
        };
      };
    };
  }));
}

describe('a vault written before origin binding', () => {
  let h: Harness;
  let ext: Page;
  let lab: LabServer;

  beforeAll(async () => {
    lab = await startLab();
    h = await launchWithExtension();
    ext = await h.openPopupTab();
    await callBackgroundFrom(ext, 'getStatus');
    await writeOldVault(ext);
  });
  afterAll(async () => {
    await h?.close();
    await lab?.close();
  });

  it('unlocks with its password, migrates site bindings to origins, reseals every row and keeps the codes', async () => {
    expect(fixture.version).toBe(1);
    expect(await callBackgroundFrom(ext, 'getStatus')).toMatchObject({ vault: 'locked' });
    expect((await rawRows(ext)).schemas).toEqual([null, null, null]);

    await callBackgroundFrom(ext, 'unlock', { password: fixture.masterPassword });
    const { accounts, corrupt } = await callBackgroundFrom<{ accounts: Listed[]; corrupt: unknown[] }>(ext, 'listAccounts');
    expect(corrupt).toEqual([]);
    expect(accounts.map((a) => [a.account, a.origins])).toEqual([
      ['alice', ['https://bank.example']],
      ['bob', ['https://localhost', 'http://localhost', 'https://127.0.0.1', 'http://127.0.0.1']],
      ['carol', []],
    ]);
    // Database version 3 (the index store) around records of schema 2.
    expect(await rawRows(ext)).toEqual({ version: 4, schemas: [2, 2, 2], headerSchema: 2 });

    const { at, codes } = await callBackgroundFrom<{ at: number; codes: { id: string; code: string }[] }>(ext, 'getCodes', {});
    for (const a of accounts) {
      const account: OtpAccount = { type: 'totp', issuer: a.issuer, account: a.account, secret: SECRETS[a.account] ?? '', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
      expect(codes.find((c) => c.id === a.id)?.code).toBe(await generateCode(account, at));
    }
    // Still the same vault after a lock: the resealed rows open under schema 2.
    await callBackgroundFrom(ext, 'lock');
    await callBackgroundFrom(ext, 'unlock', { password: fixture.masterPassword });
    expect((await callBackgroundFrom<{ accounts: Listed[] }>(ext, 'listAccounts')).accounts).toHaveLength(3);
  });

  it('no longer fills a loopback account on any port: a bare-host binding is only offered, with the user\'s choice', async () => {
    const session = await lab.newSession();
    const page = await h.newPage(`${lab.url('127.0.0.1')}${session.base}/challenge/plain`);
    const worker = await h.worker();
    await askContentScript(worker, page, 'contentPing');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    const opened = nextKeyfobPage(h);
    await askContentScript(worker, page, 'fillNow', { trigger: 'command' });
    await (await opened).close();
    const pending = await callBackgroundFrom<{ origin: string; accounts: { account: string; bound: boolean }[] }>(ext, 'pendingFill', { tabId: await tabIdOf(h, page) });
    expect(pending.origin).toBe(lab.url('127.0.0.1'));
    expect(pending.accounts.filter((a) => a.bound)).toEqual([]);
    expect(pending.accounts.map((a) => a.account)).toContain('bob');
    await page.close();
  });
});

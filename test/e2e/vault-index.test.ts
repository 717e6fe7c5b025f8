// The account index in real Chromium: the popup's list and first screen come from it, it is sealed on disk, it
// follows every change, comes back after a worker restart from its record (or the rows, when the record is missing
// or stale) and goes with the lock.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { generateCode, type OtpAccount } from '../../src/shared/index.ts';
import { callBackgroundFrom, deleteVaultDatabase, sendFromExtensionPage, stopServiceWorker, type Harness } from './harness.ts';
import { freshVaultPerTest } from './fresh-vault.ts';

const PASSWORD = 'Correct-Horse-9';
const value = callBackgroundFrom;
const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK', 'KRUGS4ZANFZSA5DIMUQHI2LNMU'];

function totp(issuer: string, secret: string): OtpAccount {
  return { type: 'totp', issuer, account: `${issuer.toLowerCase()}@example.com`, secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
}

interface View { id: string; issuer: string; position: number; counter: number; notes: string; origins: string[] }
interface Views { accounts: View[]; corrupt: { id: string }[] }

type RowEdit = 'damage' | 'swap' | 'drop-index';

/** Edits the vault database from the extension page, behind the worker's back (as a copied or altered profile would). */
function editDatabase(page: Page, edit: RowEdit, ids: string[] = []): Promise<void> {
  return page.evaluate((what: RowEdit, [a, b]: string[]) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('keyfob-vault');
    open.onerror = () => reject(new Error('open failed'));
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['accounts', 'index'], 'readwrite');
      const store = tx.objectStore('accounts');
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => { db.close(); reject(new Error('edit failed')); };
      if (what === 'drop-index') { tx.objectStore('index').delete('accounts'); return; }
      type Row = { sealed: { ct: string } };
      const ga = store.get(a!);
      if (what === 'damage') {
        // The ciphertext changes, the nonce (the index's fingerprint of the row) stays.
        ga.onsuccess = () => { const row = ga.result as Row; store.put({ ...row, sealed: { ...row.sealed, ct: `${row.sealed.ct.slice(4)}AAAA` } }); };
        return;
      }
      const gb = store.get(b!);
      gb.onsuccess = () => {
        const [ra, rb] = [ga.result as Row, gb.result as Row];
        store.put({ ...ra, sealed: rb.sealed });
        store.put({ ...rb, sealed: ra.sealed });
      };
    };
  }), edit, ids);
}

function readIndexRecord(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise<unknown>((resolve, reject) => {
    const open = indexedDB.open('keyfob-vault');
    open.onerror = () => reject(new Error('open failed'));
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('index').objectStore('index').get('accounts');
      get.onsuccess = () => { db.close(); resolve(get.result ?? null); };
      get.onerror = () => { db.close(); reject(new Error('read failed')); };
    };
  }));
}

const stopWorker = stopServiceWorker;

/** The list from the index must equal what opening every row gives. */
async function expectIndexMatchesRows(page: Page): Promise<View[]> {
  const fromIndex = await value<Views>(page, 'listAccountViews');
  const fromRows = await value<Views>(page, 'listAccounts');
  expect(fromIndex).toEqual(fromRows);
  return fromIndex.accounts;
}

describe('the account index', () => {
  let h: Harness;
  let page: Page;

  freshVaultPerTest((fresh) => ({ h, page } = fresh));
  beforeEach(async () => {
    await value(page, 'createVault', { password: PASSWORD });
  });

  it('serves the first screen in one message: the first rows in list order, the total, and their current codes', async () => {
    const drafts = SECRETS.map((s, i) => ({ account: totp(`Acct${i}`, s) }));
    const { added } = await value<{ added: { id: string }[] }>(page, 'addAccounts', { drafts });
    const first = await value<{ at: number; total: number; accounts: View[]; codes: { id: string; code: string; nextCode: string; validUntil: number; period: number }[] }>(
      page, 'firstScreen', { rows: 3 });
    expect(first.total).toBe(4);
    expect(first.accounts.map((a) => a.issuer)).toEqual(['Acct0', 'Acct1', 'Acct2']);
    expect(first.codes).toEqual(await Promise.all(drafts.slice(0, 3).map(async ({ account }, i) => ({
      id: added[i]!.id, period: 30, code: await generateCode(account, first.at), nextCode: await generateCode(account, first.at + 30_000),
      validUntil: (Math.floor(first.at / 30_000) + 1) * 30_000,
    }))));
    for (const rows of [-1, 101, 1.5, '3']) {
      expect(await sendFromExtensionPage(page, 'firstScreen', { rows })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
  });

  it('keeps the sealed record free of names, sites, notes and secrets', async () => {
    await value(page, 'addAccounts', { drafts: [{ account: totp('Platypus Bank', SECRETS[0]!), origins: ['https://platypus.example'], notes: 'under the mattress' }] });
    await expectIndexMatchesRows(page);
    const record = JSON.stringify(await readIndexRecord(page));
    expect(record).toContain('"sealed"');
    for (const clear of ['Platypus', 'platypus', 'mattress', SECRETS[0]!]) expect(record).not.toContain(clear);
  });

  it('follows every change to the list: add, edit, HOTP advance, delete and import', async () => {
    const { added } = await value<{ added: { id: string }[] }>(page, 'addAccounts', { drafts: SECRETS.slice(0, 2).map((s, i) => ({ account: totp(`Acct${i}`, s) })) });
    await value(page, 'updateAccount', { id: added[0]!.id, patch: { issuer: 'Renamed', notes: 'new note', origins: ['https://renamed.example'] }, masterPassword: PASSWORD });
    expect((await expectIndexMatchesRows(page))[0]).toMatchObject({ issuer: 'Renamed', notes: 'new note', origins: ['https://renamed.example'] });
    const { added: [hotp] } = await value<{ added: { id: string }[] }>(page, 'addAccounts', { drafts: [{ account: { ...totp('Counter', SECRETS[2]!), type: 'hotp' } }] });
    await value(page, 'nextHotpCode', { id: hotp!.id });
    expect((await expectIndexMatchesRows(page)).find((a) => a.id === hotp!.id)?.counter).toBe(1);
    await value(page, 'deleteAccount', { id: added[1]!.id });
    await value(page, 'importData', { text: `otpauth://totp/Imported:me?secret=${SECRETS[3]!}&issuer=Imported\n` });
    expect((await expectIndexMatchesRows(page)).map((a) => a.issuer)).toEqual(['Renamed', 'Counter', 'Imported']);
    // And the record written with those changes is the one a restarted worker reads.
    await stopWorker(h, page);
    expect((await expectIndexMatchesRows(page)).map((a) => a.issuer)).toEqual(['Renamed', 'Counter', 'Imported']);
  });

  it('after a worker restart, lists from the sealed record without opening the rows', async () => {
    const { added } = await value<{ added: { id: string }[] }>(page, 'addAccounts', { drafts: SECRETS.slice(0, 2).map((s, i) => ({ account: totp(`Acct${i}`, s) })) });
    // Damaged in place, keeping its nonce (the index's fingerprint of the row): only opening the row would tell.
    await editDatabase(page, 'damage', [added[0]!.id]);
    await stopWorker(h, page);
    const listed = await value<Views>(page, 'listAccountViews');
    expect(listed.accounts.map((a) => a.issuer)).toEqual(['Acct0', 'Acct1']);
    // Secrets are opened only when their code is asked: then the damaged row shows, and the other still works.
    const { codes } = await value<{ codes: { id: string }[] }>(page, 'getCodes', { ids: added.map((a) => a.id) });
    expect(codes.map((c) => c.id)).toEqual([added[1]!.id]);
    expect((await value<Views>(page, 'listAccounts')).corrupt.map((c) => c.id)).toEqual([added[0]!.id]);
  });

  it('rebuilds from the rows when the record is missing (a vault from before the index) and writes it', async () => {
    await value(page, 'addAccounts', { drafts: SECRETS.slice(0, 3).map((s, i) => ({ account: totp(`Acct${i}`, s) })) });
    await editDatabase(page, 'drop-index');
    await stopWorker(h, page);
    expect(await readIndexRecord(page)).toBeNull();
    expect((await expectIndexMatchesRows(page)).map((a) => a.issuer)).toEqual(['Acct0', 'Acct1', 'Acct2']);
    expect(await readIndexRecord(page)).not.toBeNull();
  });

  it('rebuilds from the rows when the record is stale: rows swapped on disk show as damaged, the others still list', async () => {
    const { added } = await value<{ added: { id: string }[] }>(page, 'addAccounts', { drafts: SECRETS.slice(0, 3).map((s, i) => ({ account: totp(`Acct${i}`, s) })) });
    const [a, b, c] = added.map((x) => x.id);
    await editDatabase(page, 'swap', [a!, b!]);
    await stopWorker(h, page);
    const listed = await value<Views>(page, 'listAccountViews');
    expect(listed.accounts.map((x) => [x.id, x.issuer])).toEqual([[c, 'Acct2']]);
    expect(listed.corrupt.map((x) => x.id).sort()).toEqual([a, b].sort());
    // The damaged rows stay deletable, and the index follows.
    await value(page, 'deleteAccount', { id: a });
    expect((await value<Views>(page, 'listAccountViews')).corrupt.map((x) => x.id)).toEqual([b]);
  });

  it('an index record rolled back on disk: the first screen after a restart shows what the rows hold, the full list is rebuilt', async () => {
    const { added } = await value<{ added: { id: string }[] }>(page, 'addAccounts', { drafts: SECRETS.slice(0, 2).map((s, i) => ({ account: totp(`Acct${i}`, s) })) });
    const older = await readIndexRecord(page);
    await value(page, 'updateAccount', { id: added[0]!.id, patch: { issuer: 'Renamed' } });
    // The older sealed record put back behind the worker's back: it opens, but no longer describes the rows.
    await page.evaluate((record: unknown) => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('keyfob-vault');
      open.onerror = () => reject(new Error('open failed'));
      open.onsuccess = () => {
        const tx = open.result.transaction('index', 'readwrite');
        tx.objectStore('index').put(record);
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => { open.result.close(); reject(new Error('write failed')); };
      };
    }), older);
    await stopWorker(h, page);
    // The first paint takes only the order and the count from the record; what it shows comes from the rows it opens.
    const first = await value<{ total: number; accounts: View[]; codes: { id: string }[] }>(page, 'firstScreen', { rows: 10 });
    expect(first.accounts.map((a) => a.issuer)).toEqual(['Renamed', 'Acct1']);
    expect(first.codes.map((c) => c.id)).toEqual(added.map((a) => a.id));
    // The list that follows is checked against every row, rebuilt, and written back.
    expect((await expectIndexMatchesRows(page)).map((a) => a.issuer)).toEqual(['Renamed', 'Acct1']);
    expect(await readIndexRecord(page)).not.toEqual(older);
  });

  it('is gone with the lock: nothing is listed until the next unlock, which lists the same accounts', async () => {
    await value(page, 'addAccounts', { drafts: [{ account: totp('Kept', SECRETS[0]!) }] });
    const before = await value<Views>(page, 'listAccountViews');
    await value(page, 'lock');
    expect(await sendFromExtensionPage(page, 'listAccountViews')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await sendFromExtensionPage(page, 'firstScreen', { rows: 10 })).toMatchObject({ ok: false, error: { code: 'locked' } });
    await value(page, 'unlock', { password: PASSWORD });
    expect(await value<Views>(page, 'listAccountViews')).toEqual(before);
  });

  it('does not outlive its vault: a vault deleted while unlocked and created anew lists none of the old accounts', async () => {
    await value(page, 'addAccounts', { drafts: [{ account: totp('Old vault', SECRETS[0]!) }] });
    expect((await value<Views>(page, 'listAccountViews')).accounts).toHaveLength(1);
    await deleteVaultDatabase(page, { waitIfBlocked: true });
    await value(page, 'createVault', { password: PASSWORD });
    expect(await value<Views>(page, 'listAccountViews')).toEqual({ accounts: [], corrupt: [] });
  });
});

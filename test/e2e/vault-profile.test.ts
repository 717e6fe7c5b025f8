// The vault across browser restarts and profiles: locked after a restart, nothing secret on disk, backups restore.
import { readdirSync, readFileSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { base32Decode, generateCode, type OtpAccount } from '../../src/shared/index.ts';
import { callBackgroundFrom, launchWithExtension, sendFromExtensionPage, type Harness } from './harness.ts';

const PASSWORD = 'Profile-Pass-42';
const call = sendFromExtensionPage;
const value = callBackgroundFrom;

// Distinctive names and secrets, so a match in a profile file cannot be a coincidence.
const ACCOUNTS: OtpAccount[] = [
  { type: 'totp', issuer: 'Quixotic Zebra Bank', account: 'xylophone.owner@example.com', secret: 'KZXW6YTBOJQW4ZDPNVZWK3TDOJSXI4ZB', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  { type: 'totp', issuer: 'Marmalade Fjord Cloud', account: 'fjord-admin', secret: 'ONSWG4TFOQQGM2LTNAQHE33DNNZSC2LL', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 },
];

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let st;
    try { st = statSync(path); } catch { continue; }
    if (st.isDirectory()) yield* filesUnder(path);
    else if (st.isFile()) yield path;
  }
}

/** Every file under `dir` that contains any of the needles (as UTF-8, UTF-16LE, or raw bytes). */
function filesContaining(dir: string, needles: Buffer[]): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(dir)) {
    let content: Buffer;
    try { content = readFileSync(file); } catch { continue; }
    if (needles.some((n) => content.includes(n))) hits.push(file.slice(dir.length));
  }
  return hits;
}

function needlesFor(text: string): Buffer[] {
  return [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
}

describe('the vault on disk', () => {
  const profile = mkdtempSync(join(tmpdir(), 'keyfob-vault-profile-'));
  let h: Harness | null = null;
  let backup = '';

  afterAll(async () => {
    await h?.close({ keepProfile: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it('leaves no secret, issuer or account name in plaintext anywhere in the profile', async () => {
    h = await launchWithExtension({ userDataDir: profile });
    const page = await h.openPopupTab();
    await value(page, 'createVault', { password: PASSWORD });
    await value(page, 'addAccounts', { drafts: ACCOUNTS.map((account) => ({ account, notes: 'Recovery: plum-tangerine-walrus' })) });
    const dataKey = await page.evaluate(async () => (await chrome.storage.session.get('vault.dataKey'))['vault.dataKey'] as string);
    expect(dataKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // A positive control: the same kind of text, stored by the page in IndexedDB in the clear, must be found.
    await page.evaluate(() => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('scan-control', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('s');
      open.onerror = () => reject(new Error('open failed'));
      open.onsuccess = () => {
        const tx = open.result.transaction('s', 'readwrite');
        tx.objectStore('s').put({ issuer: 'Control Platypus Ledger' }, 'x');
        tx.oncomplete = () => { open.result.close(); resolve(); };
      };
    }));
    await h.close({ keepProfile: true });
    h = null;

    expect(filesContaining(profile, needlesFor('Control Platypus Ledger')).length).toBeGreaterThan(0);
    const needles = [
      ...ACCOUNTS.flatMap((a) => [...needlesFor(a.secret), Buffer.from(base32Decode(a.secret)), ...needlesFor(a.issuer), ...needlesFor(a.account)]),
      ...needlesFor('plum-tangerine-walrus'),
      ...needlesFor(dataKey), Buffer.from(dataKey, 'base64'),
      ...needlesFor(PASSWORD),
    ];
    expect(filesContaining(profile, needles)).toEqual([]);
  });

  it('is locked after a browser restart and unlocks to the same accounts', async () => {
    h = await launchWithExtension({ userDataDir: profile });
    const page = await h.openPopupTab();
    expect(await value(page, 'getStatus')).toMatchObject({ vault: 'locked' });
    expect(await call(page, 'listAccounts')).toMatchObject({ ok: false, error: { code: 'locked' } });
    await value(page, 'unlock', { password: PASSWORD });
    const { accounts } = await value<{ accounts: Record<string, unknown>[] }>(page, 'listAccounts');
    expect(accounts.map((a) => [a.issuer, a.account, a.algorithm, a.digits, a.period])).toEqual(
      ACCOUNTS.map((a) => [a.issuer, a.account, a.algorithm, a.digits, a.period]),
    );
    const { at, codes } = await value<{ at: number; codes: { code: string }[] }>(page, 'getCodes', {});
    expect(codes.map((c) => c.code)).toEqual(await Promise.all(ACCOUNTS.map((a) => generateCode(a, at))));
    const file = await value<{ fileName: string; text: string }>(page, 'exportVault', { format: 'encrypted', masterPassword: PASSWORD, backupPassword: 'Backup-Secret-77' });
    expect(file.fileName).toMatch(/^keyfob-backup-\d{4}-\d\d-\d\d\.json$/);
    for (const a of ACCOUNTS) {
      expect(file.text).not.toContain(a.secret);
      expect(file.text).not.toContain(a.issuer);
    }
    expect(JSON.parse(file.text)).toMatchObject({ format: 'keyfob-backup', version: 1, sealed: { kdf: { name: 'PBKDF2-SHA256', iterations: 600_000 } } });
    backup = file.text;
    await h.close({ keepProfile: true });
    h = null;
  });

  it('restores an encrypted backup into a new profile with the same codes, and refuses a wrong backup password', async () => {
    expect(backup).not.toBe('');
    h = await launchWithExtension();
    const page = await h.openPopupTab();
    await value(page, 'createVault', { password: 'Another-Device-5' });
    expect(await call(page, 'importData', { text: backup })).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    expect(await call(page, 'importData', { text: backup, backupPassword: 'Backup-Secret-78' })).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    expect(await call(page, 'importData', { text: backup.replace('"version": 1', '"version": 9'), backupPassword: 'Backup-Secret-77' }))
      .toMatchObject({ ok: false, error: { code: 'invalid_backup' } });
    expect(await value(page, 'listAccounts')).toEqual({ accounts: [], corrupt: [] });
    expect(await value(page, 'importData', { text: backup, backupPassword: 'Backup-Secret-77' })).toEqual({ added: 2, duplicates: 0, failed: [] });
    expect(await value(page, 'importData', { text: backup, backupPassword: 'Backup-Secret-77' })).toEqual({ added: 0, duplicates: 2, failed: [] });
    const { accounts } = await value<{ accounts: Record<string, unknown>[] }>(page, 'listAccounts');
    expect(accounts.map((a) => a.notes)).toEqual(['Recovery: plum-tangerine-walrus', 'Recovery: plum-tangerine-walrus']);
    const { at, codes } = await value<{ at: number; codes: { id: string; code: string }[] }>(page, 'getCodes', {});
    const byId = new Map(codes.map((c) => [c.id, c.code]));
    const restored = accounts.map((a) => [a.issuer, byId.get(a.id as string)]);
    expect(restored).toEqual(await Promise.all(ACCOUNTS.map(async (a) => [a.issuer, await generateCode(a, at)])));
  });
});

// Importing another app's export through the import tab, in real Chromium: encrypted Aegis and 2FAS files, the codes
// the popup then shows against an independent HMAC, a wrong password that imports nothing, the same file twice, and the
// groups and favourites a file carries kept through the vault, a Keyfob backup and the Aegis export for leaving, and
// the icons an Aegis file carries: a raster one redrawn as a small PNG site icon, SVG or damaged ones left out.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBackgroundFrom, launchWithExtension, type Harness } from './harness.ts';
import { createVaultThroughUi, MASTER, waitForText } from './popup-driver.ts';
import { importFile } from '../../src/shared/import/index.ts';
import { sealWithPassword } from '../../src/shared/index.ts';
import { fromBase32, makeAccounts, type TestAccount } from '../unit/shared/import/writers/accounts.ts';
import { aegisDb, writeAegis, writeAegisDb } from '../unit/shared/import/writers/aegis.ts';
import { solidPng } from '../unit/shared/import/writers/png.ts';
import { twoFasServices, writeTwoFas } from '../unit/shared/import/writers/two-fas.ts';
import { bitwardenExport } from '../unit/shared/import/writers/bitwarden.ts';

/** RFC 6238 written out with node:crypto, independent of Keyfob's code generator. */
function totpAt(a: TestAccount, atMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / a.period)));
  const mac = createHmac(a.algorithm.toLowerCase(), fromBase32(a.secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** a.digits).padStart(a.digits, '0');
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now (evaluated over CDP, outside the page's CSP). */
async function audit(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE_SOURCE);
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

let h: Harness;
let dir: string;
let page: Page;

/** Three TOTP accounts of each kind of hash and length, 30 s so the popup shows them all together; two groups, one favourite. */
const AEGIS_EXTRAS = [{ groups: ['Work', 'Bank'], favorite: true }, { groups: ['Bank'], favorite: false }, { groups: [], favorite: false }];
const aegisAccounts = makeAccounts(3).map((a, i) => ({ ...a, issuer: `Aegis ${i}`, period: 30, ...AEGIS_EXTRAS[i]! }));

/** Each account's groups and favourite flag as the vault lists them (the popup's view), by issuer. */
async function organisation(prefix: string): Promise<[string, string[], boolean][]> {
  const { accounts } = await callBackgroundFrom<{ accounts: { issuer: string; groups: string[]; favourite: boolean }[] }>(page, 'listAccounts');
  return accounts.filter((a) => a.issuer.startsWith(prefix)).map((a) => [a.issuer, a.groups, a.favourite]);
}
const AEGIS_ORGANISED = aegisAccounts.map((a): [string, string[], boolean] => [a.issuer, a.groups, a.favorite]);
const twoFasAccounts = makeAccounts(3).map((a, i) => ({ ...a, issuer: `TwoFAS ${i}`, period: 30 }));

function save(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function openImportPage(): Promise<Page> {
  const p = await h.newPage(`chrome-extension://${h.extensionId}/extension/import/index.html`);
  await p.waitForSelector('[data-testid="import-file"]');
  return p;
}

async function choose(p: Page, path: string): Promise<void> {
  const input = (await p.waitForSelector('[data-testid="import-file"]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
}

async function submitPassword(p: Page, password: string): Promise<void> {
  const field = await p.waitForSelector('[data-testid="import-password"]');
  await field!.click({ count: 3 });
  await field!.type(password);
  await p.click('[data-testid="import-open"]');
}

/**
 * The image each named row of the popup shows: a site icon's data URL, or null for a brand or letter avatar. Each is
 * searched for, since the list draws only the rows in view.
 */
async function rowIcons(popup: Page, issuers: string[]): Promise<Record<string, string | null>> {
  const shown: Record<string, string | null> = {};
  for (const name of issuers) {
    const search = await popup.waitForSelector('input[type="search"]');
    await search!.click({ count: 3 });
    await search!.type(name);
    await popup.waitForFunction((n) => [...document.querySelectorAll('li.row .issuer')].some((e) => e.textContent === n), {}, name);
    shown[name] = await popup.evaluate((n) => {
      const row = [...document.querySelectorAll('li.row')].find((r) => r.querySelector('.issuer')?.textContent === n);
      return row?.querySelector('[data-icon] img')?.getAttribute('src') ?? null;
    }, name);
  }
  return shown;
}

async function accountCount(): Promise<number> {
  return (await callBackgroundFrom<{ accounts: unknown[] }>(page, 'listAccountViews')).accounts.length;
}

/** The popup's rows as issuer → code, read away from a period boundary. */
async function shownCodes(): Promise<{ codes: Record<string, string>; at: number }> {
  const popup = await h.openPopupTab();
  const seen = await popup.waitForFunction(() => {
    const now = Date.now();
    if (now % 30_000 < 1500 || now % 30_000 > 28_500) return null;
    const rows = Array.from(document.querySelectorAll('[role="listitem"]'));
    const codes = Object.fromEntries(rows.map((r) => [r.querySelector('.issuer')?.textContent ?? '', (r.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\s/g, '')]));
    return rows.length > 0 && Object.values(codes).every((c) => /^\d+$/.test(c)) ? { codes, at: now } : null;
  }, { polling: 100, timeout: 40_000 });
  const value = (await seen.jsonValue()) as { codes: Record<string, string>; at: number };
  await popup.close();
  return value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyfob-import-'));
  h = await launchWithExtension();
  page = await h.openPopupTab();
  await createVaultThroughUi(page);
});

afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('import tab', () => {
  it('imports nothing with a wrong password, then an encrypted Aegis vault whose codes match an independent HMAC', async () => {
    const file = save('aegis-export.json', writeAegis(aegisAccounts, { password: 'aegis pass', n: 32768, r: 8, p: 1 }));
    const p = await openImportPage();
    expect(await audit(p)).toEqual([]);
    await choose(p, file);
    await waitForText(p, '[data-testid="import-detected"]', 'Aegis export, encrypted');
    await submitPassword(p, 'not the password');
    await waitForText(p, '[data-testid="import-error"]', 'does not open this file');
    expect(await audit(p)).toEqual([]);
    expect(await accountCount()).toBe(0);

    await submitPassword(p, 'aegis pass');
    await waitForText(p, '[data-testid="import-detected"]', 'Aegis export, encrypted, 3 entries');
    expect(await audit(p)).toEqual([]);
    await p.click('[data-testid="import-confirm"]');
    const summary = await waitForText(p, '[data-testid="import-summary"]', 'imported');
    expect(summary).toBe('3 imported, 0 already in Keyfob, 0 not imported.');
    expect(await audit(p)).toEqual([]);
    await p.close();

    const { codes, at } = await shownCodes();
    for (const a of aegisAccounts) expect(codes[a.issuer], a.issuer).toBe(totpAt(a, at));
    expect(await organisation('Aegis ')).toEqual(AEGIS_ORGANISED);
  });

  it('adds nothing when the same file is imported again', async () => {
    const before = await accountCount();
    const file = save('aegis-again.json', writeAegis(aegisAccounts, { password: 'again', n: 1024 }));
    const p = await openImportPage();
    await choose(p, file);
    await submitPassword(p, 'again');
    await p.waitForSelector('[data-testid="import-confirm"]');
    await p.click('[data-testid="import-confirm"]');
    expect(await waitForText(p, '[data-testid="import-summary"]', 'imported')).toBe('0 imported, 3 already in Keyfob, 0 not imported.');
    await p.close();
    expect(await accountCount()).toBe(before);
  });

  it('imports an encrypted 2FAS backup, lists the entry it cannot use, and its codes match', async () => {
    const services = twoFasServices(twoFasAccounts);
    services.push({ name: 'Old token', secret: 'JBSWY3DPEHPK3PXP', otp: { tokenType: 'MOTP', account: 'me' } });
    const file = save('backup.2fas', writeTwoFas([], '2fas pass', services));
    const p = await openImportPage();
    await choose(p, file);
    await waitForText(p, '[data-testid="import-detected"]', '2FAS export, encrypted');
    await submitPassword(p, 'wrong');
    await waitForText(p, '[data-testid="import-error"]', 'does not open this file');
    await submitPassword(p, '2fas pass');
    await waitForText(p, '[data-testid="import-skipped"]', 'Old token (me): not imported: unsupported type (MOTP)');
    await p.click('[data-testid="import-confirm"]');
    expect(await waitForText(p, '[data-testid="import-summary"]', 'imported')).toBe('3 imported, 0 already in Keyfob, 1 not imported.');
    await p.close();

    const { codes, at } = await shownCodes();
    for (const a of twoFasAccounts) expect(codes[a.issuer], a.issuer).toBe(totpAt(a, at));
    expect(await accountCount()).toBe(6);
  });

  it('opens a Keyfob backup too, and the Aegis export for leaving holds every account', async () => {
    const { accounts } = await callBackgroundFrom<{ accounts: { id: string; issuer: string }[] }>(page, 'listAccountViews');
    expect(accounts[0]!.issuer).toBe('Aegis 0');
    const icon = { kind: 'brand', slug: 'github' };
    await callBackgroundFrom(page, 'updateAccount', { id: accounts[0]!.id, patch: { icon } });
    const backup = await callBackgroundFrom<{ text: string }>(page, 'exportVault', { format: 'encrypted', masterPassword: MASTER, backupPassword: 'a backup password of some length 7' });
    await callBackgroundFrom(page, 'deleteAccount', { id: accounts[0]!.id });
    const p = await openImportPage();
    await choose(p, save('keyfob-backup.json', backup.text));
    await waitForText(p, '[data-testid="import-detected"]', 'Keyfob export, encrypted');
    await submitPassword(p, 'a backup password of some length 7');
    expect(await waitForText(p, '[data-testid="import-summary"]', 'imported')).toBe('1 imported, 5 already in Keyfob, 0 not imported.');
    await p.close();
    // The account restored from the backup has its groups, star and icon back.
    expect(await organisation('Aegis ')).toEqual([...AEGIS_ORGANISED.slice(1), AEGIS_ORGANISED[0]]);
    const restored = await callBackgroundFrom<{ accounts: { issuer: string; icon?: unknown }[] }>(page, 'listAccountViews');
    expect(restored.accounts.find((a) => a.issuer === 'Aegis 0')?.icon).toEqual(icon);

    const aegis = await callBackgroundFrom<{ fileName: string; text: string }>(page, 'exportVault', { format: 'aegis', masterPassword: MASTER });
    expect(aegis.fileName).toMatch(/^keyfob-aegis-\d{4}-\d{2}-\d{2}\.json$/);
    const read = await importFile(new TextEncoder().encode(aegis.text));
    expect(read.accounts.map((a) => a.secret).sort()).toEqual([...aegisAccounts, ...twoFasAccounts].map((a) => a.secret).sort());
    const exported = read.accounts.filter((a) => a.issuer.startsWith('Aegis ')).map((a): [string, string[], boolean] => [a.issuer, a.groups, a.favorite]);
    expect(exported.sort()).toEqual([...AEGIS_ORGANISED].sort());
    const refused = await callBackgroundFrom(page, 'exportVault', { format: 'aegis', masterPassword: 'not the master password' }).catch((e: unknown) => e);
    expect(String(refused)).toMatch(/exportVault failed: wrong_password:/);
  });

  it('restores a Keyfob backup written before groups and favourites, its accounts with none', async () => {
    // The previous version's backup content, sealed in Node with the shared crypto (a light KDF: a test, not a secret).
    const [old] = makeAccounts(1).map((a) => ({ ...a, issuer: 'Older backup', period: 30 }));
    const account = { type: old!.type, issuer: old!.issuer, account: old!.account, secret: old!.secret, algorithm: old!.algorithm, digits: old!.digits, period: 30, counter: 0 };
    const content = { accounts: [{ account, origins: [], notes: 'from before', recoveryCodes: [] }] };
    const sealed = await sealWithPassword(new TextEncoder().encode(JSON.stringify(content)), 'older backup password 7', { kdf: { name: 'PBKDF2-SHA256', iterations: 1000 } });
    const text = JSON.stringify({ format: 'keyfob-backup', version: 1, createdAt: new Date(0).toISOString(), sealed });
    expect(await callBackgroundFrom(page, 'importData', { text, backupPassword: 'older backup password 7' })).toMatchObject({ added: 1, duplicates: 0 });
    const { accounts } = await callBackgroundFrom<{ accounts: { issuer: string; notes: string; groups: string[]; favourite: boolean }[] }>(page, 'listAccounts');
    expect(accounts.find((a) => a.issuer === 'Older backup')).toMatchObject({ notes: 'from before', groups: [], favourite: false });
  });

  it('offers the sites a Bitwarden export names, unticked, and binds only the one ticked', async () => {
    const logins = makeAccounts(2).map((a, i) => ({ ...a, type: 'totp' as const, algorithm: 'SHA1' as const, digits: 6, period: 30, issuer: `Bound ${i}` }));
    const p = await openImportPage();
    await choose(p, save('bitwarden.json', JSON.stringify(bitwardenExport(logins, 2))));
    await waitForText(p, '[data-testid="import-detected"]', 'Bitwarden export, not encrypted, 2 entries');
    await waitForText(p, 'fieldset label', 'Link Bound 0 to site0.example');
    const boxes = await p.$$('fieldset input[type="checkbox"]');
    expect(await Promise.all(boxes.map((b) => b.evaluate((e) => (e as HTMLInputElement).checked)))).toEqual([false, false]);
    await boxes[0]!.click();
    await p.click('[data-testid="import-confirm"]');
    expect(await waitForText(p, '[data-testid="import-summary"]', 'imported')).toBe('2 imported, 0 already in Keyfob, 0 not imported.');
    await p.close();
    const { accounts } = await callBackgroundFrom<{ accounts: { issuer: string; origins: string[] }[] }>(page, 'listAccountViews');
    expect(accounts.filter((a) => a.issuer.startsWith('Bound ')).map((a) => [a.issuer, a.origins])).toEqual([
      ['Bound 0', ['https://site0.example']], ['Bound 1', []],
    ]);
  });

  it('shows an Aegis entry\'s PNG icon as a small PNG, and imports entries with an SVG or a damaged icon without one', async () => {
    const [png, svg, broken] = makeAccounts(3).map((a, i) => ({ ...a, period: 30, issuer: ['Pictured', 'Drawn', 'Damaged'][i]! }));
    const db = aegisDb([png!, svg!, broken!]) as { entries: Record<string, unknown>[] };
    // 96×48 and opaque: wider than the 32 px square, so it is scaled down, aspect kept, centred.
    Object.assign(db.entries[0]!, { icon: solidPng(96, 48, [20, 120, 220, 255]).toString('base64'), icon_mime: 'image/png' });
    Object.assign(db.entries[1]!, { icon: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64'), icon_mime: 'image/svg+xml' });
    Object.assign(db.entries[2]!, { icon: Buffer.from('not an image at all, only words').toString('base64'), icon_mime: 'image/png' });
    const p = await openImportPage();
    await choose(p, save('aegis-icons.json', writeAegisDb(db)));
    await waitForText(p, '[data-testid="import-detected"]', 'Aegis export, not encrypted, 3 entries');
    await p.click('[data-testid="import-confirm"]');
    expect(await waitForText(p, '[data-testid="import-summary"]', 'imported')).toBe('3 imported, 0 already in Keyfob, 0 not imported.');
    await p.close();

    const popup = await h.openPopupTab();
    const shown = await rowIcons(popup, ['Pictured', 'Drawn', 'Damaged']);
    await popup.close();
    expect(shown.Pictured).toMatch(/^data:image\/png;base64,/);
    expect(shown.Drawn).toBeNull();
    expect(shown.Damaged).toBeNull();
    const bytes = Buffer.from(shown.Pictured!.split(',')[1]!, 'base64');
    // Redrawn on a 32 × 32 square, aspect kept and centred: the 2:1 image fills rows 8–23, transparent above and below.
    const drawn = PNG.sync.read(bytes);
    expect([drawn.width, drawn.height]).toEqual([32, 32]);
    const alpha = (x: number, y: number) => drawn.data[(y * 32 + x) * 4 + 3];
    expect([alpha(16, 2), alpha(16, 16), alpha(16, 29)]).toEqual([0, 255, 0]);

    // Leaving again: Keyfob's Aegis export carries the icon back.
    const aegis = await callBackgroundFrom<{ text: string }>(page, 'exportVault', { format: 'aegis', masterPassword: MASTER });
    const read = await importFile(new TextEncoder().encode(aegis.text));
    expect(read.accounts.find((a) => a.issuer === 'Pictured')?.icon).toEqual({ mime: 'image/png', base64: bytes.toString('base64') });
    expect(read.accounts.find((a) => a.issuer === 'Drawn')?.icon).toBeUndefined();
  });

  it('imports an account whose icon the background refuses, without the icon', async () => {
    const [a] = makeAccounts(1).map((x) => ({ ...x, period: 30, issuer: 'Refused icon' }));
    const account = { type: a!.type, issuer: a!.issuer, account: a!.account, secret: a!.secret, algorithm: a!.algorithm, digits: a!.digits, period: 30, counter: 0 };
    const icon = { kind: 'site', data: `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}` };
    expect(await callBackgroundFrom(page, 'importAccounts', { source: 'Aegis', drafts: [{ account, icon }] })).toEqual({ added: 1, duplicates: [] });
    const { accounts } = await callBackgroundFrom<{ accounts: { issuer: string; icon?: unknown }[] }>(page, 'listAccountViews');
    const stored = accounts.find((x) => x.issuer === 'Refused icon');
    expect(stored).toBeDefined();
    expect(stored!.icon).toBeUndefined();
  });
});

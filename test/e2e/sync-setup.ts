// What the two-browser sync tests share: two Chromium profiles, A with a vault of two accounts, and the probes both
// sides are compared with.
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from './harness.ts';
import { callFromPage, createVaultThroughUi, fill, MASTER, press, totp } from './popup-driver.ts';

export interface AccountSummary { id: string; issuer: string; account: string; notes: string; origins: string[] }
export interface SyncViewLike {
  enabled: boolean;
  status: { error: { code: string; message: string } | null; refused: number; merged: number; devices: { name: string; self: boolean }[] };
}

export interface TwoBrowsers { a: Harness; b: Harness; pa: Page; pb: Page; close(): Promise<void> }

/** A with a vault holding Acme (bound to https://acme.test) and Globex; B with no vault yet. */
export async function twoBrowsers(): Promise<TwoBrowsers> {
  const [a, b] = await Promise.all([launchWithExtension(), launchWithExtension()]);
  const [pa, pb] = await Promise.all([a.openPopupTab(), b.openPopupTab()]);
  await createVaultThroughUi(pa);
  await callFromPage(pa, 'addAccounts', { drafts: [
    { account: totp('Acme', 'alice@acme.test', 'JBSWY3DPEHPK3PXP'), origins: ['https://acme.test'] },
    { account: totp('Globex', 'alice', 'KRSXG5CTMVRXEZLU') },
  ] });
  return { a, b, pa, pb, close: async () => { await Promise.all([a.close(), b.close()]); } };
}

/** What both sides must agree on, in id order. */
export async function accounts(page: Page): Promise<AccountSummary[]> {
  const { accounts: list } = await callFromPage<{ accounts: AccountSummary[] }>(page, 'listAccountViews', {});
  return list.map(({ id, issuer, account, notes, origins }) => ({ id, issuer, account, notes, origins })).sort((x, y) => x.id.localeCompare(y.id));
}

export const syncNow = (page: Page): Promise<SyncViewLike> => callFromPage<SyncViewLike>(page, 'syncNow', {});

export async function codeOf(page: Page, id: string): Promise<string> {
  const { codes } = await callFromPage<{ codes: { id: string; code: string }[] }>(page, 'getCodes', { ids: [id] });
  return codes[0]!.code;
}

/**
 * The concurrent edits both suites make while nothing passes between the browsers: different fields of Acme (notes
 * on A, issuer on B), the same field of Globex (the account name, B's edit later), and an add on each side.
 */
export async function editOnBothSides(pa: Page, pb: Page, ids: { acme: string; globex: string }): Promise<void> {
  await callFromPage(pa, 'updateAccount', { id: ids.acme, patch: { notes: 'note from A' } });
  await callFromPage(pb, 'updateAccount', { id: ids.acme, patch: { issuer: 'Acme Corp' } });
  await callFromPage(pa, 'updateAccount', { id: ids.globex, patch: { account: 'alice-from-A' } });
  await callFromPage(pb, 'updateAccount', { id: ids.globex, patch: { account: 'alice-from-B' } });
  await callFromPage(pa, 'addAccounts', { drafts: [{ account: totp('Hooli', 'gavin', 'ONSWG4TFOQYTEMZU') }] });
  await callFromPage(pb, 'addAccounts', { drafts: [{ account: totp('Umbrella', 'alice', 'GEZDGNBVGY3TQOJQ') }] });
}

/** The WebDAV folder a test server offers, as the user types it into Settings → Sync. */
export interface WebdavLogin { url: string; user: string; password: string }

/** Chooses WebDAV in the sync form on screen (Settings → Sync, or "Join a synced vault") and types the folder's login. */
export async function enterWebdav(page: Page, login: WebdavLogin): Promise<void> {
  await page.locator('::-p-aria(A WebDAV folder (Nextcloud, ownCloud…))').click();
  await fill(page, 'WebDAV address', login.url);
  await fill(page, 'User name', login.user);
  await fill(page, 'App password (not your account password)', login.password);
}

/** Settings → Sync → WebDAV → Turn on sync, from the account list; returns the recovery kit as shown. */
export async function turnOnWebdavThroughUi(page: Page, login: WebdavLogin): Promise<string> {
  await press(page, 'Settings');
  await enterWebdav(page, login);
  await fill(page, 'Master password', MASTER);
  await press(page, 'Turn on sync');
  const kit = await page.waitForSelector('[data-testid="sync-kit"]', { timeout: 30_000 });
  return (await kit!.evaluate((el) => el.textContent ?? '')).trim();
}

/** Types the kit and the synced vault's master password into the join form on screen, and joins. */
export async function joinWith(page: Page, kit: string): Promise<void> {
  await fill(page, 'Recovery kit (26 characters)', kit);
  await fill(page, 'Master password of the synced vault', MASTER);
  await press(page, 'Join');
}

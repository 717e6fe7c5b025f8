// What the two-browser sync tests share: two Chromium profiles, A with a vault of two accounts, and the probes both
// sides are compared with.
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from './harness.ts';
import { callFromPage, createVaultThroughUi, totp } from './popup-driver.ts';

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

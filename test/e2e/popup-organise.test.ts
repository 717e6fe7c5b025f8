// Organising the popup's list (issue 24): pins and the order by hand survive a reopen and a browser restart, groups
// filter the list with counts, search ignores accents and works within the filter, orders by name and by use, letter
// avatars, rows dragged with the mouse to another place (Esc cancels, never across the favourites, scrolling the list
// near its edge, by mouse or by touch), and axe finds nothing serious on the new controls.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, sendFromExtensionPage, type Harness } from './harness.ts';
import { callFromPage, fill, MASTER, press, totp, waitForText } from './popup-driver.ts';
import { bindingFor, startLab, vaultWith, waitForCode, type LabServer } from './autofill-setup.ts';
import { carry, handleAt, waitForIssuers } from './list-driver.ts';
import { ROW_HEIGHT } from '../../extension/popup/list-geometry.ts';


const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const DRAFTS = [
  { account: totp('Alpha Bank', 'alice', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA'), groups: ['Banking'] },
  { account: totp('Zürich Versicherung', 'zoe', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXB'), groups: ['Insurance'], notes: 'Policy 7731 in the blue folder' },
  { account: totp('Beta Mail', 'bob', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXC'), groups: ['Banking', 'Mail'] },
  { account: totp('Gamma Git', 'gil', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXD') },
];

async function rowOf(page: Page, issuer: string): Promise<ElementHandle<Element>> {
  for (const row of await page.$$('[role="listitem"]')) {
    if ((await row.$eval('.issuer', (e) => e.textContent)) === issuer) return row;
  }
  throw new Error(`No row for ${issuer}`);
}

async function openList(h: Harness): Promise<Page> {
  const page = await h.openPopupTab();
  await page.waitForSelector('[role="list"][aria-busy="false"]');
  return page;
}

/** Selects `value` in the select labelled `label` (a native select, as the keyboard would). */
async function choose(page: Page, label: string, value: string): Promise<void> {
  const select = await page.waitForSelector(`::-p-aria([name="${label}"][role="combobox"])`);
  if (!select) throw new Error(`No select ${label}`);
  await select.select(value);
}

async function optionTexts(page: Page, label: string): Promise<string[]> {
  const select = await page.waitForSelector(`::-p-aria([name="${label}"][role="combobox"])`);
  return select!.$$eval('option', (os) => os.map((o) => o.textContent ?? ''));
}

async function audit(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: {
      id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical').map((f) => `${f.id}: ${f.targets.join(', ')}`);
}

describe('organising the popup list', () => {
  const profile = mkdtempSync(join(tmpdir(), 'keyfob-organise-'));
  let h: Harness;

  beforeAll(async () => {
    h = await launchWithExtension({ userDataDir: profile });
    const setup = await h.openPopupTab();
    await callFromPage(setup, 'createVault', { password: MASTER });
    await callFromPage(setup, 'addAccounts', { drafts: DRAFTS });
    await setup.close();
  });
  afterAll(async () => {
    await h?.close({ keepProfile: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it('pins with the star and moves by hand from the keyboard, and both survive a reopen and a browser restart', async () => {
    const page = await openList(h);
    await waitForIssuers(page, ['Alpha Bank', 'Zürich Versicherung', 'Beta Mail', 'Gamma Git']);

    const star = await (await rowOf(page, 'Gamma Git')).$('::-p-aria([name="Pin to top"][role="button"])');
    expect(star).not.toBeNull();
    await star!.focus();
    await page.keyboard.press('Enter');
    await waitForText(page, '[role="status"]', 'Gamma Git is pinned to the top.');
    await waitForIssuers(page, ['Gamma Git', 'Alpha Bank', 'Zürich Versicherung', 'Beta Mail']);

    await press(page, 'Details for Beta Mail bob');
    const up = await page.waitForSelector('::-p-aria([name="Move up"][role="button"])');
    await up!.focus();
    await page.keyboard.press('Enter');
    await waitForText(page, '[data-testid="place"]', 'Place 3 of 4');
    await page.keyboard.press('Enter');
    await waitForText(page, '[data-testid="place"]', 'Place 2 of 4');
    // The pinned account above is not passed: favourites stay on top.
    await page.keyboard.press('Enter');
    await waitForText(page, '[data-testid="place"]', 'Place 2 of 4');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role="list"][aria-busy="false"]');
    const expected = ['Gamma Git', 'Beta Mail', 'Alpha Bank', 'Zürich Versicherung'];
    await waitForIssuers(page, expected);
    await page.close();

    const reopened = await openList(h);
    await waitForIssuers(reopened, expected);
    await reopened.close();

    await h.close({ keepProfile: true });
    h = await launchWithExtension({ userDataDir: profile });
    const afterRestart = await h.openPopupTab();
    await fill(afterRestart, 'Master password', MASTER);
    await press(afterRestart, 'Unlock');
    await afterRestart.waitForSelector('[role="list"][aria-busy="false"]');
    await waitForIssuers(afterRestart, expected);
    expect(await (await rowOf(afterRestart, 'Gamma Git')).$('::-p-aria([name="Unpin"][role="button"])')).not.toBeNull();
    await afterRestart.close();
  });

  it('filters by group with counts and searches within the filter, ignoring accents', async () => {
    const page = await openList(h);
    expect(await optionTexts(page, 'Group')).toEqual(['All (4)', 'Banking (2)', 'Insurance (1)', 'Mail (1)']);
    await choose(page, 'Group', 'Banking');
    await waitForIssuers(page, ['Beta Mail', 'Alpha Bank']);

    await fill(page, 'Search', 'zurich');
    await waitForText(page, '.empty', 'No account in “Banking” matches.');
    await choose(page, 'Group', '');
    await waitForIssuers(page, ['Zürich Versicherung']);

    // Groups, notes and names are searched too.
    await fill(page, 'Search', 'MAIL');
    await waitForIssuers(page, ['Beta Mail']);
    await fill(page, 'Search', 'blue folder');
    await waitForIssuers(page, ['Zürich Versicherung']);
    await fill(page, 'Search', 'insurance');
    await waitForIssuers(page, ['Zürich Versicherung']);
    await page.close();
  });

  it('edits groups in the details, one per line or with commas, and refuses a name the vault would not take', async () => {
    const page = await openList(h);
    await press(page, 'Details for Gamma Git gil');
    await fill(page, 'Groups', `Code, Work\n${'x'.repeat(65)}`);
    await press(page, 'Save changes');
    await waitForText(page, '[role="alert"]', 'is longer than 64 characters');

    await fill(page, 'Groups', 'Code, Work');
    await press(page, 'Save changes');
    await waitForText(page, '[role="status"]', 'Changes saved.');
    await page.waitForSelector('[role="list"][aria-busy="false"]');
    expect(await optionTexts(page, 'Group')).toEqual(['All (4)', 'Banking (2)', 'Code (1)', 'Insurance (1)', 'Mail (1)', 'Work (1)']);
    await choose(page, 'Group', 'Work');
    await waitForIssuers(page, ['Gamma Git']);
    await page.close();
  });

  it('orders by name and by most used, keeps the choice, and stores uses as account ids and numbers only', async () => {
    const page = await openList(h);
    await choose(page, 'Order', 'name');
    await waitForIssuers(page, ['Gamma Git', 'Alpha Bank', 'Beta Mail', 'Zürich Versicherung']);

    const ids = Object.fromEntries((await callFromPage<{ accounts: { id: string; issuer: string }[] }>(page, 'listAccountViews'))
      .accounts.map((a) => [a.issuer, a.id]));
    for (const issuer of ['Zürich Versicherung', 'Zürich Versicherung', 'Alpha Bank']) await callFromPage(page, 'countUse', { id: ids[issuer] });
    await choose(page, 'Order', 'used');
    await page.close();

    // The first screen itself comes in the chosen order: pinned first, then the most used.
    const reopened = await openList(h);
    await waitForIssuers(reopened, ['Gamma Git', 'Zürich Versicherung', 'Alpha Bank', 'Beta Mail']);
    const order = await reopened.waitForSelector('::-p-aria([name="Order"][role="combobox"])');
    expect(await order!.evaluate((s) => (s as HTMLSelectElement).value)).toBe('used');
    const stored = await reopened.evaluate(async () => (await chrome.storage.local.get('useCounts')).useCounts as Record<string, unknown>);
    expect(stored).toEqual({ [ids['Zürich Versicherung']!]: 2, [ids['Alpha Bank']!]: 1 });
    expect(JSON.stringify(stored)).not.toMatch(/Zürich|Alpha|alice|zoe/);

    await choose(reopened, 'Order', 'hand');
    await waitForIssuers(reopened, ['Gamma Git', 'Beta Mail', 'Alpha Bank', 'Zürich Versicherung']);
    await reopened.close();
  });

  it('shows each account a letter avatar in a stable colour, and axe finds nothing serious on the list and the details', async () => {
    const page = await openList(h);
    const avatars = await page.$$eval('[role="listitem"] .avatar', (els) => els.map((e) => ({
      letter: e.textContent, hidden: e.getAttribute('aria-hidden'), colour: getComputedStyle(e).backgroundColor })));
    expect(avatars.map((a) => a.letter)).toEqual(['G', 'B', 'A', 'Z']);
    expect(avatars.every((a) => a.hidden === 'true' && /^rgb\(/.test(a.colour))).toBe(true);
    expect(await audit(page)).toEqual([]);
    await choose(page, 'Group', 'Banking');
    expect(await audit(page)).toEqual([]);
    await press(page, 'Details for Alpha Bank alice');
    await page.waitForSelector('::-p-aria([name="Move down"][role="button"])');
    expect(await audit(page)).toEqual([]);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(await audit(page)).toEqual([]);
    await page.close();
  });

  it('selects accounts to move them to a group, and deletes them after a confirmation with undo until the popup closes', async () => {
    const page = await openList(h);
    await press(page, 'Select');
    await (await page.waitForSelector('::-p-aria([name="Select Alpha Bank"][role="checkbox"])'))!.click();
    await (await page.waitForSelector('::-p-aria([name="Select Zürich Versicherung"][role="checkbox"])'))!.click();
    await waitForText(page, '[role="status"]', 'Selected: 2');
    expect(await audit(page)).toEqual([]);

    await fill(page, 'Group name', 'Shared');
    await press(page, 'Move to group');
    await waitForText(page, '[role="status"]', 'Moved to “Shared”: 2.');
    expect(await optionTexts(page, 'Group')).toContain('Shared (2)');

    await press(page, 'Delete selected');
    await waitForText(page, '[role="alertdialog"]', 'Delete the selected accounts (2)?');
    expect(await audit(page)).toEqual([]);
    await press(page, 'Delete for good');
    await waitForText(page, '[role="status"]', 'Accounts deleted: 2.');
    await waitForIssuers(page, ['Gamma Git', 'Beta Mail']);
    await press(page, 'Undo');
    await waitForText(page, '[role="status"]', 'Accounts restored: 2.');
    await waitForIssuers(page, ['Gamma Git', 'Beta Mail', 'Alpha Bank', 'Zürich Versicherung']);
    await page.close();

    // Restored as they were, groups included; and a delete not undone stays once the popup is closed and reopened.
    const reopened = await openList(h);
    await waitForIssuers(reopened, ['Gamma Git', 'Beta Mail', 'Alpha Bank', 'Zürich Versicherung']);
    await choose(reopened, 'Group', 'Shared');
    await waitForIssuers(reopened, ['Alpha Bank', 'Zürich Versicherung']);
    await press(reopened, 'Select');
    await (await reopened.waitForSelector('::-p-aria([name="Select Alpha Bank"][role="checkbox"])'))!.click();
    await press(reopened, 'Delete selected');
    await press(reopened, 'Delete for good');
    await waitForText(reopened, '[role="status"]', 'Accounts deleted: 1.');
    await reopened.close();
    const last = await openList(h);
    await waitForIssuers(last, ['Gamma Git', 'Beta Mail', 'Zürich Versicherung']);
    await last.close();
  });
});

describe('uses counted from fills', () => {
  let h: Harness;
  let lab: LabServer;

  beforeAll(async () => {
    lab = await startLab();
    h = await launchWithExtension();
  });
  afterAll(async () => {
    await h?.close();
    await lab?.close();
  });

  it('counts a code Keyfob fills on a bound page towards most used, by account id only', async () => {
    const { base, account } = await lab.newSession();
    const { ext, accountId } = await vaultWith(h, account, [bindingFor(lab.url('127.0.0.1'))]);
    const before = await ext.evaluate(async () => (await chrome.storage.local.get('useCounts')).useCounts ?? null);
    expect(before).toBeNull();
    const page = await h.newPage(`${lab.url('127.0.0.1')}${base}/challenge/plain`);
    await waitForCode(page, 'input[name="code"]');
    await ext.waitForFunction(async (id: string) => {
      const uses = (await chrome.storage.local.get('useCounts')).useCounts as Record<string, number> | undefined;
      return uses?.[id] === 1;
    }, { polling: 100, timeout: 5000 }, accountId);
    const stored = await ext.evaluate(async () => (await chrome.storage.local.get('useCounts')).useCounts as Record<string, unknown>);
    expect(stored).toEqual({ [accountId]: 1 });
    await page.close();
  });
});

/** Thirty accounts "Site 01"…"Site 30", the first pinned: more than the rows the list renders at once. */
const MANY = Array.from({ length: 30 }, (_, i) => ({
  account: totp(`Site ${String(i + 1).padStart(2, '0')}`, `user${i + 1}`, `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i]}`),
  favourite: i === 0,
}));
const site = (n: number) => `Site ${String(n).padStart(2, '0')}`;
const sites = (...ns: number[]) => ns.map(site);

describe('dragging rows to reorder', () => {
  const profile = mkdtempSync(join(tmpdir(), 'keyfob-drag-'));
  let h: Harness;

  beforeAll(async () => {
    h = await launchWithExtension({ userDataDir: profile });
    const setup = await h.openPopupTab();
    await callFromPage(setup, 'createVault', { password: MASTER });
    await callFromPage(setup, 'addAccounts', { drafts: MANY });
    await setup.close();
  });
  afterAll(async () => {
    await h?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('drags a row by its handle from place 5 to place 2, shows where it lands, announces it, and keeps it on reopening', async () => {
    const page = await openList(h);
    await waitForIssuers(page, sites(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    await carry(page, 5, -3);
    await page.waitForSelector('[data-testid="drop-line"]');
    expect(await page.$eval('[data-testid="drag-ghost"] .issuer', (e) => e.textContent)).toBe(site(5));
    // The drag state is as accessible as the list: its drawings are hidden from assistive technology.
    expect(await audit(page)).toEqual([]);
    await page.mouse.up();
    await waitForText(page, '[role="status"]', 'Site 05 moved to place 2 of 30.');
    await waitForIssuers(page, sites(1, 5, 2, 3, 4, 6, 7, 8, 9, 10));
    expect(await page.$('[data-testid="drop-line"]')).toBeNull();
    await page.close();

    const reopened = await openList(h);
    await waitForIssuers(reopened, sites(1, 5, 2, 3, 4, 6, 7, 8, 9, 10));
    await reopened.close();
  });

  it('cancels a drag with Esc: the row goes back and nothing is saved', async () => {
    const page = await openList(h);
    await waitForIssuers(page, sites(1, 5, 2, 3, 4, 6, 7, 8, 9, 10));
    await carry(page, 3, 3);
    await page.waitForSelector('[data-testid="drop-line"]');
    await page.keyboard.press('Escape');
    await waitForText(page, '[role="status"]', 'Move cancelled.');
    expect(await page.$('[data-testid="drop-line"]')).toBeNull();
    await page.mouse.up();
    await waitForIssuers(page, sites(1, 5, 2, 3, 4, 6, 7, 8, 9, 10));
    await page.close();

    const reopened = await openList(h);
    await waitForIssuers(reopened, sites(1, 5, 2, 3, 4, 6, 7, 8, 9, 10));
    await reopened.close();
  });

  it('never drags across the line between the pinned account and the rest, and the background refuses such a place', async () => {
    const page = await openList(h);
    await waitForIssuers(page, sites(1, 5, 2, 3, 4, 6, 7, 8, 9, 10));
    // Far above the top: lands on the first place below the pinned one.
    await carry(page, 4, -6);
    await page.waitForSelector('[data-testid="drop-line"]');
    await page.mouse.up();
    await waitForText(page, '[role="status"]', 'Site 03 moved to place 2 of 30.');
    await waitForIssuers(page, sites(1, 3, 5, 2, 4, 6, 7, 8, 9, 10));

    // The pinned account has nowhere to go: no drop line however far down it is carried.
    await carry(page, 1, 3);
    await page.waitForSelector('[data-testid="drag-ghost"]');
    expect(await page.$('[data-testid="drop-line"]')).toBeNull();
    await page.mouse.up();
    await page.waitForFunction(() => !document.querySelector('[data-testid="drag-ghost"]'));
    await waitForIssuers(page, sites(1, 3, 5, 2, 4, 6, 7, 8, 9, 10));

    const ids = Object.fromEntries((await callFromPage<{ accounts: { id: string; issuer: string }[] }>(page, 'listAccountViews'))
      .accounts.map((a) => [a.issuer, a.id]));
    expect(await sendFromExtensionPage(page, 'placeAccount', { id: ids[site(9)], place: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await sendFromExtensionPage(page, 'placeAccount', { id: ids[site(1)], place: 2 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await sendFromExtensionPage(page, 'placeAccount', { id: ids[site(9)], place: 31 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await page.close();
  });

  it('scrolls the list while a row is held at its bottom edge, and drops it past the rows first rendered', async () => {
    const page = await openList(h);
    await page.bringToFront();
    await waitForIssuers(page, sites(1, 3, 5, 2, 4, 6, 7, 8, 9, 10));
    const start = await handleAt(page, 2);
    const box = (await (await page.$('.scroller'))!.boundingBox())!;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x, box.y + box.height - 4, { steps: 8 });
    // Held still at the edge, the list scrolls on by itself to its end.
    await page.waitForFunction(() => {
      const el = document.querySelector('.scroller')!;
      return el.scrollTop > 0 && el.scrollTop >= el.scrollHeight - el.clientHeight - 1;
    }, { polling: 50 });
    await page.waitForFunction(() => document.querySelector('[data-testid="drop-line"]')?.getAttribute('style')?.includes(`${30 * 64}px`), { polling: 50 });
    await page.mouse.up();
    await waitForText(page, '[role="status"]', 'Site 03 moved to place 30 of 30.');
    await page.close();

    const reopened = await openList(h);
    const all = await callFromPage<{ accounts: { issuer: string; position: number; favourite: boolean }[] }>(reopened, 'listAccountViews');
    const byHand = [...all.accounts].sort((a, b) => Number(b.favourite) - Number(a.favourite) || a.position - b.position).map((a) => a.issuer);
    expect(byHand.slice(0, 4)).toEqual(sites(1, 5, 2, 4));
    expect(byHand.at(-1)).toBe(site(3));
    await reopened.close();
  });

  it('drags with a finger as with the mouse', async () => {
    const page = await openList(h);
    await waitForIssuers(page, sites(1, 5, 2, 4, 6, 7, 8, 9, 10, 11));
    const start = await handleAt(page, 3);
    await page.touchscreen.touchStart(start.x, start.y);
    for (let step = 1; step <= 8; step++) await page.touchscreen.touchMove(start.x, start.y + (step / 8) * 2 * ROW_HEIGHT);
    await page.waitForSelector('[data-testid="drop-line"]');
    await page.touchscreen.touchEnd();
    await waitForText(page, '[role="status"]', 'Site 02 moved to place 5 of 30.');
    await waitForIssuers(page, sites(1, 5, 4, 6, 2, 7, 8, 9, 10, 11));
    await page.close();
  });
});

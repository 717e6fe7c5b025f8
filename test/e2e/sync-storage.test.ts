// Sync through the browser's own sync storage (chrome.storage.sync) between two Chromium profiles. Chrome Sync cannot
// run offline, so this test plays it: it carries the items one profile's extension changed in storage.sync over to
// the other, item by item, the later copy winning, as Chrome Sync does. Turned on and joined through the popup with
// the recovery kit, then adds, deletes, concurrent offline edits, a tampered item, and Chromium's own quota refusal.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFromPage, fill, MASTER, press, totp, waitForText } from './popup-driver.ts';
import { accounts, codeOf, editOnBothSides, syncNow, twoBrowsers, type SyncViewLike, type TwoBrowsers } from './sync-setup.ts';

const BROWSER_SYNC = 'This browser’s own sync (Chrome Sync, Firefox Sync)';
/** Keyfob's items in storage.sync (storage-sync-layout.ts); the junk this test adds is not Keyfob's and is not carried. */
const KEYFOB_ITEM = /^kfsync:/;
const QUOTA_BYTES = 102_400;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

type Items = Record<string, unknown>;


const issuers = async (page: Page): Promise<string[]> => (await accounts(page)).map((x) => x.issuer).sort();
const storageItems = (page: Page): Promise<Items> => page.evaluate(() => chrome.storage.sync.get(null));
const keyfobItems = async (page: Page): Promise<Items> => Object.fromEntries(Object.entries(await storageItems(page)).filter(([k]) => KEYFOB_ITEM.test(k)));
/** Chromium's own count of the bytes in use, the one its quota is enforced on. */
const bytesInUse = (page: Page): Promise<number> => page.evaluate(() => chrome.storage.sync.getBytesInUse(null));


describe('sync through the browser’s own sync storage, two browsers', () => {
  let browsers: TwoBrowsers;
  let pa: Page;
  let pb: Page;
  let kit: string;
  /** Per profile, Keyfob's items as of the last copy from or into it: what changed since is what Chrome Sync would send. */
  const seen = new Map<Page, Items>();

  /** Plays Chrome Sync from one profile to the other: Keyfob's items changed or removed there since the last copy. */
  async function copy(from: Page, to: Page): Promise<void> {
    const now = await keyfobItems(from);
    const before = seen.get(from) ?? {};
    const changed = Object.fromEntries(Object.entries(now).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])));
    const removed = Object.keys(before).filter((k) => !(k in now));
    await to.evaluate(async (set: Items, remove: string[]) => {
      if (Object.keys(set).length > 0) await chrome.storage.sync.set(set);
      if (remove.length > 0) await chrome.storage.sync.remove(remove);
    }, changed, removed);
    seen.set(from, now);
    seen.set(to, await keyfobItems(to));
  }

  beforeAll(async () => {
    browsers = await twoBrowsers();
    ({ pa, pb } = browsers);
  }, 120_000);

  afterAll(async () => {
    await browsers?.close();
  });

  it('turns on from Settings with a one-time kit; B joins from first run with kit and password; storage.sync holds nothing in clear', async () => {
    await press(pa, 'Settings');
    await pa.locator(`::-p-aria(${BROWSER_SYNC})`).click();
    await fill(pa, 'Master password', MASTER);
    await press(pa, 'Turn on sync');
    const shown = await pa.waitForSelector('[data-testid="sync-kit"]', { timeout: 30_000 });
    kit = (await shown!.evaluate((el) => el.textContent ?? '')).trim();
    expect(kit).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{1,4}){6}$/);
    await pa.locator('::-p-aria(I have saved my recovery kit)').click();
    await press(pa, 'Done');
    await pa.waitForSelector('[data-testid="sync-on"]');
    // The kit was shown once: Settings opened again shows sync on, not the kit.
    await pa.reload();
    await press(pa, 'Settings');
    await pa.waitForSelector('[data-testid="sync-on"]');
    expect(await pa.$('[data-testid="sync-kit"]')).toBeNull();

    const written = await storageItems(pa);
    expect(Object.keys(written).length).toBeGreaterThan(0);
    expect(Object.keys(written).every((k) => KEYFOB_ITEM.test(k))).toBe(true);
    const everything = JSON.stringify(written);
    for (const secretOrName of ['JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLU', 'Acme', 'Globex', 'acme.test', 'alice']) expect(everything).not.toContain(secretOrName);

    await copy(pa, pb);
    await pb.reload();
    await press(pb, 'Join a synced vault');
    await pb.locator(`::-p-aria(${BROWSER_SYNC})`).click();
    await fill(pb, 'Recovery kit (26 characters)', kit.toLowerCase().replaceAll('-', ' '));
    await fill(pb, 'Master password of the synced vault', MASTER);
    await press(pb, 'Join');
    await pb.waitForSelector('::-p-aria(Search)', { timeout: 30_000 });
    const onA = await accounts(pa);
    expect(await accounts(pb)).toEqual(onA);
    for (const { id } of onA) expect(await codeOf(pb, id)).toBe(await codeOf(pa, id));
  });

  it('an account added on A appears on B; one deleted on A is gone from B', async () => {
    await callFromPage(pa, 'addAccounts', { drafts: [{ account: totp('Initech', 'peter', 'MFRGGZDFMZTWQ2LK') }] });
    await syncNow(pa);
    await copy(pa, pb);
    await syncNow(pb);
    expect(await issuers(pb)).toEqual(['Acme', 'Globex', 'Initech']);
    expect(await issuers(pa)).toEqual(['Acme', 'Globex', 'Initech']);

    const initech = (await accounts(pa)).find((x) => x.issuer === 'Initech')!;
    // A star and a group set on A reach B like every other field.
    await callFromPage(pa, 'updateAccount', { id: initech.id, patch: { favourite: true, groups: ['Work'] } });
    await syncNow(pa);
    await copy(pa, pb);
    await syncNow(pb);
    const onB = await callFromPage<{ accounts: { id: string; favourite: boolean; groups: string[] }[] }>(pb, 'listAccountViews', {});
    expect(onB.accounts.find((x) => x.id === initech.id)).toMatchObject({ favourite: true, groups: ['Work'] });

    await callFromPage(pa, 'deleteAccount', { id: initech.id });
    await syncNow(pa);
    await copy(pa, pb);
    await syncNow(pb);
    expect(await issuers(pb)).toEqual(['Acme', 'Globex']);
    expect(await issuers(pa)).toEqual(['Acme', 'Globex']);
  });

  it('edits made on both with nothing carried between them merge to the same vault on both, in any order of copies', async () => {
    const acme = (await accounts(pa)).find((x) => x.issuer === 'Acme')!;
    const globex = (await accounts(pa)).find((x) => x.issuer === 'Globex')!;
    // Different fields of one account, the same field of another (B's edit is the later one), an add on each side.
    await editOnBothSides(pa, pb, { acme: acme.id, globex: globex.id });
    // Both write their own storage before anything is carried: the same items changed on both, the later copy wins.
    await syncNow(pa);
    await syncNow(pb);

    // B's items reach A first this time; then back and forth until nothing changes (a bounded number of rounds).
    const schedule: [Page, Page][] = [[pb, pa], [pa, pb], [pb, pa], [pa, pb], [pb, pa], [pa, pb]];
    for (const [from, to] of schedule) {
      await copy(from, to);
      await syncNow(to);
      if (JSON.stringify(await accounts(pa)) === JSON.stringify(await accounts(pb))) break;
    }
    const onA = await accounts(pa);
    expect(await accounts(pb)).toEqual(onA);
    expect(onA.find((x) => x.id === acme.id)).toMatchObject({ issuer: 'Acme Corp', notes: 'note from A' });
    // The same field edited on both: the later edit (B's) wins, on both sides.
    expect(onA.find((x) => x.id === globex.id)!.account).toBe('alice-from-B');
    expect(onA.map((x) => x.issuer).sort()).toEqual(['Acme Corp', 'Globex', 'Hooli', 'Umbrella']);
    const umbrella = onA.find((x) => x.issuer === 'Umbrella')!;
    expect(await codeOf(pa, umbrella.id)).toBe(await codeOf(pb, umbrella.id));
  });

  it('an item whose sealed content was altered in B’s storage is refused and reported on B, the other accounts still sync', async () => {
    const umbrella = (await accounts(pa)).find((x) => x.issuer === 'Umbrella')!;
    await callFromPage(pa, 'updateAccount', { id: umbrella.id, patch: { notes: 'before the tamper' } });
    await syncNow(pa);
    await copy(pa, pb);

    // Someone who can write B's sync storage flips one ciphertext character of the Hooli record.
    const hooli = (await accounts(pb)).find((x) => x.issuer === 'Hooli')!;
    const items = await keyfobItems(pb);
    const [key, chunk] = Object.entries(items).find(([, v]) => (v as { f: unknown[][] }).f.some((p) => p[0] === `r-${hooli.id}`))!;
    const pieces = (chunk as { w: number; f: [string, number, number, string, string][] }).f;
    const piece = pieces.find((p) => p[0] === `r-${hooli.id}`)!;
    expect(piece[2]).toBe(1);
    const box = JSON.parse(piece[4]) as { ct: string };
    box.ct = (box.ct[0] === 'A' ? 'B' : 'A') + box.ct.slice(1);
    piece[4] = JSON.stringify(box);
    await pb.evaluate((k: string, v: unknown) => chrome.storage.sync.set({ [k]: v }), key, chunk);

    const onB = await syncNow(pb);
    expect(onB.status.refused).toBeGreaterThanOrEqual(1);
    expect(onB.status.error).toBeNull();
    const viewsB = await accounts(pb);
    expect(viewsB.find((x) => x.id === umbrella.id)!.notes).toBe('before the tamper');
    // B keeps its own copy of the refused account: an altered item damages nothing.
    expect(viewsB.find((x) => x.id === hooli.id)).toMatchObject({ issuer: 'Hooli', account: 'gavin' });
    expect(await codeOf(pb, hooli.id)).toBe(await codeOf(pa, hooli.id));
    expect(onB.status.devices).toHaveLength(2);
    await pb.reload();
    await press(pb, 'Settings');
    await waitForText(pb, '[data-testid="sync-refused"]', 'integrity check');
    await waitForText(pb, '.devices', '(this browser)');

    // The next good copy of that item from A heals it.
    await callFromPage(pa, 'updateAccount', { id: hooli.id, patch: { notes: 'after the tamper' } });
    await syncNow(pa);
    await copy(pa, pb);
    const healed = await syncNow(pb);
    expect(healed.status.refused).toBe(0);
    expect(await accounts(pb)).toEqual(await accounts(pa));
  });

  it('when Chromium itself refuses a write over its quota, the status says quota, Settings suggests WebDAV, and nothing synced is lost', async () => {
    const syncedBefore = await accounts(pa);
    const storedBefore = await keyfobItems(pa);
    // Junk that Chromium counts six times over: its JSON writer escapes '<' as \u003C, while the backend's pre-check
    // counts JSON.stringify's '<'. So the pre-check lets the next write through and Chromium's own quota refuses it.
    const junkItem = (n: number) => '<'.repeat(n);
    const perItem = 1_300; // 7,800 bytes to Chromium, under its 8,192 per item.
    for (let i = 0; ; i++) {
      const room = QUOTA_BYTES - (await bytesInUse(pa)) - 600;
      if (room <= 0) break;
      const n = Math.min(perItem, Math.floor((room - `junk:${i}`.length - 2) / 6));
      if (n <= 0) break;
      await pa.evaluate((k: string, v: string) => chrome.storage.sync.set({ [k]: v }), `junk:${i}`, junkItem(n));
    }
    expect(await bytesInUse(pa)).toBeGreaterThan(QUOTA_BYTES - 1_000);

    await callFromPage(pa, 'addAccounts', { drafts: [{ account: totp('Stark', 'tony', 'NBSWY3DPO5XXE3DE') }] });
    const refused = await syncNow(pa);
    expect(refused.status.error?.code).toBe('quota');
    // Chromium's own words (its quota enforcer's), not the backend's pre-check ("outgrown").
    expect(refused.status.error?.message).toMatch(/quota exceeded/i);
    await pa.reload();
    await press(pa, 'Settings');
    await waitForText(pa, '[data-testid="sync-error"]', 'use a WebDAV folder');

    // Nothing lost: A keeps every account, its synced items are as they were, and B still gets the earlier accounts.
    expect(await issuers(pa)).toEqual([...syncedBefore.map((x) => x.issuer), 'Stark'].sort());
    expect(await keyfobItems(pa)).toEqual(storedBefore);
    await copy(pa, pb);
    const onB = await syncNow(pb);
    expect(onB.status.error).toBeNull();
    expect(await accounts(pb)).toEqual(syncedBefore);

    // Room made again: the next sync goes through and the new account reaches B.
    await pa.evaluate(async () => chrome.storage.sync.remove(Object.keys(await chrome.storage.sync.get(null)).filter((k) => k.startsWith('junk:'))));
    expect((await syncNow(pa)).status.error).toBeNull();
    await copy(pa, pb);
    await syncNow(pb);
    expect(await accounts(pb)).toEqual(await accounts(pa));
    expect(await issuers(pb)).toContain('Stark');
  });

  it('turning on for a vault already too big for the storage is refused with the WebDAV suggestion, and leaves nothing behind', async () => {
    // B leaves the synced vault and starts afresh with a storage of its own that the vault cannot fit.
    await callFromPage(pb, 'disableSync', {});
    await pb.evaluate(() => chrome.storage.sync.clear());
    const drafts = Array.from({ length: 45 }, (_, i) => ({
      account: totp(`Issuer ${String(i).padStart(5, '0')}`, `user${i}@example.test`, `JBSWY3DPEHPK3P${BASE32[i >> 5]}${BASE32[i & 31]}`),
      origins: [`https://site${i}.example.test`],
    }));
    await callFromPage(pb, 'addAccounts', { drafts });
    const count = (await accounts(pb)).length;
    expect(count).toBeGreaterThan(44);

    await pb.reload();
    await press(pb, 'Settings');
    await fill(pb, 'Master password', MASTER);
    await press(pb, 'Turn on sync');
    await waitForText(pb, '[role="alert"]', 'use a WebDAV folder');
    // Refused whole: sync stays off, no key file or record is left in the storage, and no account was touched.
    const view = await callFromPage<SyncViewLike & { enabled: boolean }>(pb, 'syncStatus', {});
    expect(view.enabled).toBe(false);
    expect(await keyfobItems(pb)).toEqual({});
    expect((await accounts(pb)).length).toBe(count);
    // Nothing stops turning it on elsewhere or later: the form is still there.
    await pb.waitForSelector('::-p-aria([name="Turn on sync"][role="button"])');
  });
});

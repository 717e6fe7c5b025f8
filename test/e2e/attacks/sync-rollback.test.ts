// A hostile WebDAV server against sync (issue 26): it serves an older copy of a record to a browser that has the
// newer one and to a fresh joiner, swaps two records' files, holds one record's update back from one browser (freeze),
// and shows two browsers different folders (fork). The server is a real Apache; the attacks are made on its disk, as a
// compromised host would. Each attack is refused and reported (nothing old merged in silently), and the honest sync in
// the same test still converges.
import { chownSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyBundleError, openKeyBundle } from '../../../extension/background/sync/key-bundle.ts';
import { coverTarget } from '../../../src/shared/sync/cover.ts';
import { isCoverFile, openSyncRecord } from '../../../src/shared/sync/sync-seal.ts';
import { startWebdavServer, type WebdavServer } from '../../support/webdav-server.ts';
import { launchWithExtension } from '../harness.ts';
import { callFromPage, MASTER, press, totp, waitForText } from '../popup-driver.ts';
import { accounts, syncNow, twoBrowsers, type TwoBrowsers } from '../sync-setup.ts';

const USER = 'mallory-host';
const APP_PASSWORD = 'app-password-9d1e77';

interface Status {
  error: { code: string } | null;
  refused: number;
  stale?: number;
  withheld?: number;
  epoch?: number;
  digest?: string;
}

type Folder = Map<string, Buffer>;

describe('sync against a hostile WebDAV server', () => {
  let dav: WebdavServer;
  let browsers: TwoBrowsers;
  let kit: string;
  const folder = () => join(dav.dir, 'keyfob');
  const file = (id: string) => join(folder(), `r-${id}`);
  /** Everything in the folder, byte for byte: what the server can keep and serve again later. */
  const snapshot = (): Folder => new Map(readdirSync(folder()).map((f) => [f, readFileSync(join(folder(), f))]));
  /** Puts a kept folder back (files written as Apache's own, so it can still replace them). */
  const restore = (kept: Folder): void => {
    const { uid, gid } = statSync(folder());
    for (const f of readdirSync(folder())) if (!kept.has(f)) rmSync(join(folder(), f));
    for (const [f, bytes] of kept) {
      writeFileSync(join(folder(), f), bytes);
      chownSync(join(folder(), f), uid, gid);
    }
  };
  const status = async (page: TwoBrowsers['pa']): Promise<Status> => (await syncNow(page)).status as Status;
  /** Settings → Sync freshly opened, so it shows the last sync's status. */
  const openSettings = async (page: TwoBrowsers['pa']): Promise<void> => {
    await page.reload();
    await press(page, 'Settings');
  };
  /**
   * An edit, then the sync the browser itself runs 3 s after it (scheduler.ts) and one more: the attack that follows
   * must not race the browser's own debounced sync, which would repair it before the other browser looks.
   */
  const editAndSync = async (page: TwoBrowsers['pa'], id: string, patch: Record<string, string>): Promise<void> => {
    await callFromPage(page, 'updateAccount', { id, patch });
    await new Promise((r) => setTimeout(r, 3_300));
    await syncNow(page);
  };
  const byIssuer = async (page: TwoBrowsers['pa'], issuer: string) => (await accounts(page)).find((x) => x.issuer === issuer)!;

  beforeAll(async () => {
    dav = await startWebdavServer({ user: USER, password: APP_PASSWORD });
    browsers = await twoBrowsers();
    const webdav = { url: dav.url, username: USER, password: APP_PASSWORD };
    ({ kit } = await callFromPage<{ kit: string }>(browsers.pa, 'enableSync', { backend: 'webdav', webdav, masterPassword: MASTER }));
    await callFromPage(browsers.pb, 'joinSync', { backend: 'webdav', webdav, masterPassword: MASTER, kit });
    await browsers.pb.reload();
  }, 120_000);

  afterAll(async () => {
    await browsers?.close();
    await dav?.close();
  });

  it('shows the same folder version digest on two browsers that synced the same edits', async () => {
    const { pa, pb } = browsers;
    await syncNow(pa);
    const onB = await status(pb);
    const onA = await status(pa);
    expect(onA.error).toBeNull();
    expect(onA.digest).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(onB.digest).toBe(onA.digest);
    // Settings → Sync shows both, for comparing two browsers by eye.
    await openSettings(pb);
    await waitForText(pb, '[data-testid="sync-digest"]', `vault digest ${onB.digest}`);
    // Every sync writes the manifest one epoch up.
    expect(onA.epoch).toBe((onB.epoch ?? 0) + 1);
    expect(await accounts(pb)).toEqual(await accounts(pa));
  });

  it('refuses an older copy of a record served to a browser that has the newer one, reports it, and repairs the file', async () => {
    const { pa, pb } = browsers;
    const acme = await byIssuer(pa, 'Acme');
    const old = readFileSync(file(acme.id));
    await editAndSync(pa, acme.id, { notes: 'new backup phone' });
    expect((await status(pb)).stale ?? 0).toBe(0);
    expect((await byIssuer(pb, 'Acme')).notes).toBe('new backup phone');

    // The server puts the old file back: B has seen the newer one.
    writeFileSync(file(acme.id), old);
    const attacked = await status(pb);
    expect(attacked.stale).toBe(1);
    expect(attacked.error).toBeNull();
    expect((await byIssuer(pb, 'Acme')).notes).toBe('new backup phone');
    await openSettings(pb);
    await waitForText(pb, '[data-testid="sync-stale"]', 'older copy of some accounts; nothing was changed');
    // B held the newer copy and wrote it back over the old one: the next syncs are clean and agree.
    expect(readFileSync(file(acme.id)).equals(old)).toBe(false);
    expect((await status(pa)).stale ?? 0).toBe(0);
    expect((await status(pb)).stale ?? 0).toBe(0);
    expect(await accounts(pb)).toEqual(await accounts(pa));
  });

  it('refuses two records\' files swapped on the server, and the browser that has both repairs them', async () => {
    const { pa, pb } = browsers;
    const [acme, globex] = [await byIssuer(pa, 'Acme'), await byIssuer(pa, 'Globex')];
    const [x, y] = [readFileSync(file(acme.id)), readFileSync(file(globex.id))];
    writeFileSync(file(acme.id), y);
    writeFileSync(file(globex.id), x);
    const attacked = await status(pb);
    expect(attacked.refused).toBe(2);
    expect((await byIssuer(pb, 'Acme')).notes).toBe('new backup phone');
    expect((await byIssuer(pb, 'Globex')).account).toBe('alice');
    expect((await status(pa)).refused).toBe(0);
    expect(await accounts(pb)).toEqual(await accounts(pa));
  });

  it('reports a record update the server holds back from one browser (freeze), and syncs it once the server gives it', async () => {
    const { pa, pb } = browsers;
    const globex = await byIssuer(pa, 'Globex');
    const old = readFileSync(file(globex.id));
    await editAndSync(pa, globex.id, { account: 'alice-renamed' });
    const updated = readFileSync(file(globex.id));
    // The server shows B the new manifest but the old Globex file (same bytes, so the same ETag B last saw).
    writeFileSync(file(globex.id), old);
    const frozen = await status(pb);
    expect((frozen.withheld ?? 0) + (frozen.stale ?? 0)).toBe(1);
    expect((await byIssuer(pb, 'Globex')).account).toBe('alice');
    await openSettings(pb);
    await waitForText(pb, '[data-testid="sync-withheld"], [data-testid="sync-stale"]', 'some accounts');

    // The server stops withholding: B catches up, nothing reported.
    writeFileSync(file(globex.id), updated);
    const caughtUp = await status(pb);
    expect(caughtUp.withheld ?? 0).toBe(0);
    expect(caughtUp.stale ?? 0).toBe(0);
    expect((await byIssuer(pb, 'Globex')).account).toBe('alice-renamed');
    expect(await accounts(pb)).toEqual(await accounts(pa));
  });

  it('gives a fresh joiner the newest copy or nothing: an older record file is refused, and arrives once repaired', async () => {
    const { pa } = browsers;
    const globex = await byIssuer(pa, 'Globex');
    const old = readFileSync(file(globex.id));
    await editAndSync(pa, globex.id, { notes: 'rotated secret soon' });
    writeFileSync(file(globex.id), old);

    const c = await launchWithExtension();
    try {
      const pc = await c.openPopupTab();
      const webdav = { url: dav.url, username: USER, password: APP_PASSWORD };
      await callFromPage(pc, 'joinSync', { backend: 'webdav', webdav, masterPassword: MASTER, kit });
      const joined = (await callFromPage<{ status: Status }>(pc, 'syncStatus', {})).status;
      expect(joined.stale).toBe(1);
      // Not the old copy: no Globex at all until the server gives the right one.
      expect((await accounts(pc)).map((x) => x.issuer).sort()).toEqual(['Acme']);
      // A still has the newer copy: its next sync refuses the old file too and writes the newer one back.
      expect((await status(pa)).stale).toBe(1);
      expect((await status(pc)).stale ?? 0).toBe(0);
      expect(await accounts(pc)).toEqual(await accounts(pa));
      expect((await accounts(pc)).find((x) => x.id === globex.id)!.notes).toBe('rotated secret soon');
    } finally {
      await c.close();
    }
  });

  it('keeps once the same account added in both browsers between two syncs, with the sites of both', async () => {
    const { pa, pb } = browsers;
    await callFromPage(pa, 'addAccounts', { drafts: [{ account: totp('Initech', 'peter', 'MFRGGZDFMZTWQ2LK'), origins: ['https://initech.test'] }] });
    await callFromPage(pb, 'addAccounts', { drafts: [{ account: totp('Initech', 'peter', 'MFRGGZDFMZTWQ2LK'), origins: ['https://intranet.initech.test'] }] });
    await syncNow(pa);
    await syncNow(pb);
    await syncNow(pa);
    const onA = await accounts(pa);
    expect(await accounts(pb)).toEqual(onA);
    const initech = onA.filter((x) => x.issuer === 'Initech');
    expect(initech).toHaveLength(1);
    expect(initech[0]!.origins.sort()).toEqual(['https://initech.test', 'https://intranet.initech.test']);
    await callFromPage(pa, 'deleteAccount', { id: initech[0]!.id });
    await syncNow(pa);
    await syncNow(pb);
  });

  it('refuses a fork (two browsers shown different folders) on both sides; a browser that joins again converges', async () => {
    const { pa, pb } = browsers;
    await syncNow(pa);
    await syncNow(pb);
    const common = snapshot();
    // A's view: A adds an account and syncs.
    await callFromPage(pa, 'addAccounts', { drafts: [{ account: totp('Hooli', 'gavin', 'ONSWG4TFOQYTEMZU') }] });
    expect((await status(pa)).error).toBeNull();
    const forA = snapshot();
    // B's view: the folder as it was before, where B edits and syncs.
    restore(common);
    const acme = await byIssuer(pb, 'Acme');
    await callFromPage(pb, 'updateAccount', { id: acme.id, patch: { issuer: 'Acme Corp' } });
    const onB = await status(pb);
    expect(onB.error).toBeNull();
    const forB = snapshot();
    // Each browser's digest tells a different state: the user comparing them sees the fork.
    expect(onB.digest).not.toBe((await callFromPage<{ status: Status }>(pa, 'syncStatus', {})).status.digest);

    // Then the server shows A B's folder, and B A's: each lacks the other browser's last sync.
    restore(forB);
    const atA = await status(pa);
    expect(atA.error?.code).toBe('fork');
    expect((await accounts(pa)).find((x) => x.issuer === 'Acme Corp')).toBeUndefined();
    await openSettings(pa);
    await waitForText(pa, '[data-testid="sync-error"]', 'fork');
    restore(forA);
    expect((await status(pb)).error?.code).toBe('fork');
    expect((await accounts(pb)).find((x) => x.issuer === 'Hooli')).toBeUndefined();
    // An older folder than one accepted is a rollback.
    restore(common);
    expect((await status(pa)).error?.code).toBe('rollback');

    // The way out: the server keeps A's folder, and B turns sync off and joins again; its edit comes along.
    restore(forA);
    expect((await status(pa)).error).toBeNull();
    const webdav = { url: dav.url, username: USER, password: APP_PASSWORD };
    await callFromPage(pb, 'disableSync', {});
    await callFromPage(pb, 'joinSync', { backend: 'webdav', webdav, masterPassword: MASTER, kit });
    await syncNow(pa);
    await syncNow(pb);
    const onBoth = await accounts(pa);
    expect(await accounts(pb)).toEqual(onBoth);
    expect(onBoth.map((x) => x.issuer).sort()).toEqual(['Acme Corp', 'Globex', 'Hooli']);
  });

  it('rotates the sync key: every file resealed, the other browser told to join again, an old key file opens nothing new', async () => {
    const { pa, pb } = browsers;
    await syncNow(pa);
    await syncNow(pb);
    const oldKeyFile = readFileSync(join(folder(), 'key'), 'utf8');
    const before = snapshot();
    // Settings → Sync → Rotate sync key, with the master password: the new kit is shown once, with what to do next.
    await openSettings(pa);
    // The sync section draws once its status has loaded: wait for it rather than race the first paint.
    await (await pa.waitForSelector('details.rotate-sync-key summary'))!.click();
    await pa.type('details.rotate-sync-key input[type="password"]', MASTER);
    await pa.click('details.rotate-sync-key button[type="submit"]');
    const shown = await pa.waitForSelector('[data-testid="sync-kit"]', { timeout: 30_000 });
    const rotated = { kit: (await shown!.evaluate((el) => el.textContent ?? '')).trim() };
    await waitForText(pa, '[data-testid="sync-rotated"]', 'join again');
    expect(rotated.kit.replaceAll('-', '')).not.toBe(kit.replaceAll('-', ''));
    expect((await callFromPage<{ status: Status }>(pa, 'syncStatus', {})).status.error).toBeNull();
    // Every record file is new (the old names and contents are gone), and the key file is another.
    const after = snapshot();
    for (const [name, bytes] of after) if (name !== 'key') expect(before.get(name)?.equals(bytes) ?? false).toBe(false);
    expect(after.get('key')!.toString('utf8')).not.toBe(oldKeyFile);
    // Written afresh: one file per account (no tombstones carried over), padded with cover files to the bucket.
    expect([...after.keys()].filter((f) => f.startsWith('r-')).length).toBe(coverTarget((await accounts(pa)).length));

    // B holds the old key: it opens nothing, writes nothing, and says to join again.
    const onB = await status(pb);
    expect(onB.error?.code).toBe('rotated');
    expect(snapshot()).toEqual(after);

    // The server puts the old key file back: with the old password and kit it gives the old key, which opens none
    // of the files written since.
    writeFileSync(join(folder(), 'key'), oldKeyFile);
    const oldKey = await openKeyBundle(oldKeyFile, MASTER, kit);
    for (const [name, bytes] of after) {
      if (!name.startsWith('r-')) continue;
      await expect(openSyncRecord(oldKey, name.slice(2), bytes.toString('utf8'), Date.now())).rejects.toThrow();
      expect(await isCoverFile(oldKey, name.slice(2), bytes.toString('utf8'))).toBe(false);
    }
    await expect(openKeyBundle(after.get('key')!.toString('utf8'), MASTER, kit)).rejects.toBeInstanceOf(KeyBundleError);
    writeFileSync(join(folder(), 'key'), after.get('key')!);

    // B joins again with the new kit and converges.
    const webdav = { url: dav.url, username: USER, password: APP_PASSWORD };
    await callFromPage(pb, 'disableSync', {});
    await callFromPage(pb, 'joinSync', { backend: 'webdav', webdav, masterPassword: MASTER, kit: rotated.kit });
    await syncNow(pa);
    expect((await status(pb)).error).toBeNull();
    expect(await accounts(pb)).toEqual(await accounts(pa));
  });

  it('removes a browser from the device list: a new key and kit, and the removed browser reads nothing written since', async () => {
    const { pa, pb } = browsers;
    await syncNow(pb);
    await syncNow(pa);
    // Settings → Sync on A lists B; "Remove this browser" on B's line opens the rotation, saying what it does.
    await openSettings(pa);
    const remove = await pa.waitForSelector('ul.devices button[aria-label^="Remove "]');
    await remove!.click();
    await waitForText(pa, '[data-testid="rotate-hint"]', 'can read nothing new');
    await pa.type('details.rotate-sync-key input[type="password"]', MASTER);
    await pa.click('details.rotate-sync-key button[type="submit"]');
    const shown = await pa.waitForSelector('[data-testid="sync-kit"]', { timeout: 30_000 });
    // The vault's kit from now on (the next test joins with it).
    kit = (await shown!.evaluate((el) => el.textContent ?? '')).trim();

    // A goes on; B, removed, is told the key was replaced, and an account added on A never reaches it.
    await callFromPage(pa, 'addAccounts', { drafts: [{ account: totp('Pied Piper', 'richard', 'KRUGS4ZANFZSAYJA') }] });
    await syncNow(pa);
    expect((await status(pb)).error?.code).toBe('rotated');
    expect((await accounts(pb)).map((a) => a.issuer)).not.toContain('Pied Piper');
    expect((await accounts(pa)).map((a) => a.issuer)).toContain('Pied Piper');
  });

  it('restores an old key file after a password change: the sync reports it and writes its own back', async () => {
    const { pa, pb } = browsers;
    await syncNow(pa);
    const oldKeyFile = snapshot().get('key')!;
    const next = 'a later master passphrase for this vault 4';
    await callFromPage(pa, 'changeMasterPassword', { current: MASTER, next });
    expect((await status(pa)).error).toBeNull();
    const rewrapped = snapshot().get('key')!;
    expect(rewrapped.equals(oldKeyFile)).toBe(false);

    // The server puts back the key file it kept: it opens the vault with the old password and the kit.
    restore(new Map([...snapshot(), ['key', oldKeyFile]]));
    await expect(openKeyBundle(oldKeyFile.toString('utf8'), MASTER, kit)).resolves.toBeDefined();

    // A's next sync notices, says so, and the folder's key file is A's again.
    expect((await status(pa)).error?.code).toBe('key_file_replaced');
    expect(snapshot().get('key')!.equals(rewrapped)).toBe(true);
    await openSettings(pa);
    await waitForText(pa, '[data-testid="sync-error"]', 'rotate the sync key');

    // A browser joining with the old password is refused; with the new one it gets in.
    const webdav = { url: dav.url, username: USER, password: APP_PASSWORD };
    await callFromPage(pb, 'disableSync', {});
    await expect(callFromPage(pb, 'joinSync', { backend: 'webdav', webdav, masterPassword: MASTER, kit })).rejects.toThrow('sync_wrong_secret');
    await callFromPage(pb, 'joinSync', { backend: 'webdav', webdav, masterPassword: next, kit });
    expect((await status(pb)).error).toBeNull();
    // The sync after the repair finds A's own file: the warning goes with it.
    expect((await status(pa)).error).toBeNull();
    expect(await accounts(pb)).toEqual(await accounts(pa));
  });
});

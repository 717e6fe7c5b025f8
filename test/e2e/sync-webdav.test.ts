// Sync through a real WebDAV server (Apache mod_dav, started here) between two Chromium profiles: turned on and joined
// through the popup with the recovery kit, then adds, concurrent offline edits, deletes, a server that goes down, and
// a tampered file, each checked on both sides.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyBundleError, openKeyBundle } from '../../extension/background/sync/key-bundle.ts';
import { coverTarget } from '../../src/shared/sync/cover.ts';
import { startWebdavServer, type WebdavServer } from '../support/webdav-server.ts';
import { bindingFor, settleContentScript, startLab, verifyLabAccepted, waitForCode } from './autofill-setup.ts';
import { launchWithExtension, sendFromExtensionPage } from './harness.ts';
import { callFromPage, createVaultThroughUi, MASTER, press, totp, waitForText } from './popup-driver.ts';
import { accounts, codeOf, editOnBothSides, enterWebdav, joinWith, syncNow, turnOnWebdavThroughUi, twoBrowsers, type TwoBrowsers } from './sync-setup.ts';

const USER = 'alice';
const APP_PASSWORD = 'app-password-4f9c2e';

describe('sync through WebDAV, two browsers', () => {
  let dav: WebdavServer;
  let browsers: TwoBrowsers;
  let pa: Page;
  let pb: Page;
  let kit: string;
  const login = () => ({ url: dav.url, user: USER, password: APP_PASSWORD });

  beforeAll(async () => {
    dav = await startWebdavServer({ user: USER, password: APP_PASSWORD });
    browsers = await twoBrowsers();
    ({ pa, pb } = browsers);
  }, 120_000);

  afterAll(async () => {
    await browsers?.close();
    await dav?.close();
  });

  it('turns on from Settings with a one-time recovery kit, and the server sees sealed files only', async () => {
    kit = await turnOnWebdavThroughUi(pa, login());
    expect(kit).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{1,4}){6}$/);
    // Done stays disabled until the user says the kit is saved.
    expect(await pa.$eval('::-p-aria([name="Done"][role="button"])', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await pa.locator('::-p-aria(I have saved my recovery kit)').click();
    await press(pa, 'Done');
    await pa.waitForSelector('[data-testid="sync-on"]');
    const files = readdirSync(join(dav.dir, 'keyfob')).sort();
    expect(files).toEqual(expect.arrayContaining(['key', 'manifest']));
    // Two accounts, padded with cover files to the smallest bucket (src/shared/sync/cover.ts): the count is hidden.
    expect(files.filter((f) => f.startsWith('r-'))).toHaveLength(coverTarget(2));
    const everything = files.map((f) => readFileSync(join(dav.dir, 'keyfob', f), 'utf8')).join('\n');
    for (const secretOrName of ['JBSWY3DPEHPK3PXP', 'Acme', 'Globex', 'acme.test', 'alice']) expect(everything).not.toContain(secretOrName);
    // Padding: both records (and the cover files) are the same size whatever their issuer, name and sites.
    const sizes = files.filter((f) => f.startsWith('r-')).map((f) => readFileSync(join(dav.dir, 'keyfob', f)).length);
    expect(new Set(sizes).size).toBe(1);
  });

  it('keeps nothing readable in the profile: the app password, the kit and the synced records are sealed at rest', async () => {
    // What a copied profile folder would give away: chrome.storage.local and the vault database's sync store.
    const atRest = await pa.evaluate(async () => {
      const local = JSON.stringify(await chrome.storage.local.get(null));
      const rows = await new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('keyfob-vault');
        open.onerror = () => reject(new Error('open failed'));
        open.onsuccess = () => {
          const get = open.result.transaction('sync').objectStore('sync').getAll();
          get.onsuccess = () => { open.result.close(); resolve(JSON.stringify(get.result)); };
          get.onerror = () => reject(new Error('read failed'));
        };
      });
      return { local, rows };
    });
    // The reads see what they should: the folder's address and user name (not secret), and one row per record.
    expect(atRest.local).toContain(dav.url);
    expect(atRest.rows).toContain('r-');
    for (const secret of [APP_PASSWORD, kit.replaceAll('-', ''), 'JBSWY3DPEHPK3PXP', 'Acme', 'acme.test']) {
      expect(atRest.local).not.toContain(secret);
      expect(atRest.rows).not.toContain(secret);
    }
  });

  it('refuses to join with a wrong kit, then joins browser B through the popup with password and kit', async () => {
    const wrong = await sendFromExtensionPage(pb, 'joinSync', { backend: 'webdav', webdav: { url: dav.url, username: USER, password: APP_PASSWORD }, masterPassword: MASTER, kit: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AA' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'sync_wrong_secret' } });
    const status = await callFromPage<{ vault: string }>(pb, 'getStatus', {});
    expect(status.vault).toBe('none');

    await pb.reload();
    // B has no vault: the first-run screen; join is in Settings once a vault exists, or straight from here.
    await press(pb, 'Join a synced vault');
    await enterWebdav(pb, login());
    // Typed carelessly: lower case, spaces for hyphens.
    await joinWith(pb, kit.toLowerCase().replaceAll('-', ' '));
    await pb.waitForSelector('::-p-aria(Search)', { timeout: 30_000 });
    expect(await accounts(pb)).toEqual(await accounts(pa));
  });

  it('an account added on A appears on B; one deleted on A is gone from B', async () => {
    await callFromPage(pa, 'addAccounts', { drafts: [{ account: totp('Initech', 'peter', 'MFRGGZDFMZTWQ2LK') }] });
    await syncNow(pa);
    await syncNow(pb);
    expect((await accounts(pb)).map((x) => x.issuer).sort()).toEqual(['Acme', 'Globex', 'Initech']);

    const initech = (await accounts(pa)).find((x) => x.issuer === 'Initech')!;
    await callFromPage(pa, 'deleteAccount', { id: initech.id });
    await syncNow(pa);
    await syncNow(pb);
    expect((await accounts(pb)).map((x) => x.issuer).sort()).toEqual(['Acme', 'Globex']);
  });

  it('a page on B waiting for a code is filled when the account for its site arrives from A; the same page on another origin stays empty', async () => {
    const lab = await startLab();
    const opened: Page[] = [];
    try {
      const { base, account } = await lab.newSession();
      const challenge = (host: '127.0.0.1' | 'localhost') => `${lab.url(host)}${base}/challenge/plain`;
      const otherOrigin = await browsers.b.newPage(challenge('localhost'));
      opened.push(otherOrigin);
      const page = await browsers.b.newPage(challenge('127.0.0.1'));
      opened.push(page);
      // B has no account for either origin yet: both documents found the field and wait for one.
      const waiting = async () => (await pb.evaluate(async () => ((await chrome.storage.session.get('autofill.pending'))['autofill.pending'] ?? []) as { origin: string; reason: string }[]))
        .filter((p) => p.reason === 'none').map((p) => p.origin).sort();
      await expect.poll(waiting, { timeout: 15_000 }).toEqual([bindingFor(lab.url('127.0.0.1')), bindingFor(lab.url('localhost'))].sort());

      await callFromPage(pa, 'addAccounts', { drafts: [{ account, origins: [bindingFor(lab.url('127.0.0.1'))] }] });
      await syncNow(pa);
      await syncNow(pb);
      await waitForCode(page, 'input[name="code"]');
      await verifyLabAccepted(page);
      // The account arrived bound to 127.0.0.1's origin only: the page on localhost, still waiting, got nothing.
      await settleContentScript(browsers.b, pb, otherOrigin);
      expect(await otherOrigin.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
      expect(await waiting()).toEqual([bindingFor(lab.url('localhost'))]);
    } finally {
      // The later tests drive B's popup tab and start from Acme and Globex on both sides, whatever happened here.
      await Promise.all(opened.map((p) => p.close().catch(() => undefined)));
      await lab.close();
      const added = (await accounts(pa)).find((x) => x.issuer.endsWith(' Lab'));
      if (added) await callFromPage(pa, 'deleteAccount', { id: added.id });
      await syncNow(pa);
      await syncNow(pb);
    }
    expect((await accounts(pb)).map((x) => x.issuer).sort()).toEqual(['Acme', 'Globex']);
  });

  it('edits made on both while the server is down merge to the same vault on both, and the popup said offline meanwhile', async () => {
    const acme = (await accounts(pa)).find((x) => x.issuer === 'Acme')!;
    const globex = (await accounts(pa)).find((x) => x.issuer === 'Globex')!;
    await dav.stop();
    // Different fields of one account, the same field of another, and an add on each side.
    await editOnBothSides(pa, pb, { acme: acme.id, globex: globex.id });
    const offline = await syncNow(pa);
    expect(offline.status.error?.code).toBe('offline');
    await press(pa, 'Sync now');
    await waitForText(pa, '[data-testid="sync-error"]', 'cannot be reached');

    await dav.start();
    // Any order: B first this time, then A, then B again to pick up what A merged.
    await syncNow(pb);
    const merged = await syncNow(pa);
    expect(merged.status.error).toBeNull();
    // Acme got A's notes and B's issuer: neither side's version alone, reported as merged.
    expect(merged.status.merged).toBeGreaterThanOrEqual(1);
    await syncNow(pb);
    const onA = await accounts(pa);
    expect(await accounts(pb)).toEqual(onA);
    const acmeNow = onA.find((x) => x.id === acme.id)!;
    expect(acmeNow).toMatchObject({ issuer: 'Acme Corp', notes: 'note from A' });
    // The same field edited on both: the later edit (B's) wins, on both sides.
    expect(onA.find((x) => x.id === globex.id)!.account).toBe('alice-from-B');
    expect(onA.map((x) => x.issuer).sort()).toEqual(['Acme Corp', 'Globex', 'Hooli', 'Umbrella']);
    // Codes still come from the synced secrets on B.
    expect(await codeOf(pb, acme.id)).toBe(await codeOf(pa, acme.id));
  });

  it('a server that stops in the middle of a sync loses nothing: the next sync finishes the job on both sides', async () => {
    const before = (await accounts(pa)).length;
    const drafts = Array.from({ length: 120 }, (_, i) => ({ account: totp(`Bulk ${i}`, `user${i}`, `MFRGGZDFMZTWQ2${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i % 32]}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(i / 32)]}`) }));
    await callFromPage(pa, 'addAccounts', { drafts });
    const folder = join(dav.dir, 'keyfob');
    const onServer = () => readdirSync(folder).filter((f) => f.startsWith('r-')).length;
    const atStart = onServer();
    const running = syncNow(pa);
    // Stopped once some of the new records are on the server and before all of them are.
    for (let i = 0; i < 2000 && onServer() < atStart + 5; i++) await new Promise((r) => setTimeout(r, 5));
    await dav.stop();
    const cut = await running;
    expect(onServer()).toBeLessThan(atStart + 120);
    expect(cut.status.error?.code).toBe('offline');
    expect(await accounts(pa)).toHaveLength(before + 120);

    await dav.start();
    expect((await syncNow(pa)).status.error).toBeNull();
    // Every account has its file (cover files, which the server cannot tell apart, come on top).
    expect(onServer()).toBeGreaterThanOrEqual(before + 120);
    await syncNow(pb);
    expect(await accounts(pb)).toEqual(await accounts(pa));
    // Leave the two-account world the next test expects.
    for (const bulk of (await accounts(pa)).filter((x) => x.issuer.startsWith('Bulk '))) await callFromPage(pa, 'deleteAccount', { id: bulk.id });
    await syncNow(pa);
    await syncNow(pb);
    expect(await accounts(pb)).toHaveLength(before);
  });

  it('a tampered file is refused and reported, the other accounts still sync, and a browser with a good copy repairs it', async () => {
    const hooli = (await accounts(pa)).find((x) => x.issuer === 'Hooli')!;
    const file = join(dav.dir, 'keyfob', `r-${hooli.id}`);
    // Someone with the server's disk flips one character of the ciphertext: they can damage a file, not change it.
    const box = JSON.parse(readFileSync(file, 'utf8')) as { ct: string };
    box.ct = (box.ct[0] === 'A' ? 'B' : 'A') + box.ct.slice(1);
    writeFileSync(file, JSON.stringify(box));
    const umbrella = (await accounts(pa)).find((x) => x.issuer === 'Umbrella')!;
    await callFromPage(pa, 'updateAccount', { id: umbrella.id, patch: { notes: 'after the tamper' } });
    // A's popup (on Settings) syncs: it reports the damaged file.
    await press(pa, 'Sync now');
    // The count is the one this request reported: the sync 3 s after the edit may run inside it (carry-warnings.ts)
    // or after it, and finds the file repaired.
    expect(await waitForText(pa, '[data-testid="sync-refused"]', 'integrity check')).toMatch(/: 1\. /);
    // A wrote its good copy over the damaged file: it opens again, and B reads it without a refusal.
    expect(readFileSync(file, 'utf8')).not.toBe(JSON.stringify(box));
    const onB = await syncNow(pb);
    expect(onB.status.refused).toBe(0);
    expect((await accounts(pb)).find((x) => x.id === umbrella.id)!.notes).toBe('after the tamper');
    expect((await accounts(pb)).find((x) => x.id === hooli.id)!.issuer).toBe('Hooli');
    await press(pb, 'Settings');
    // Both browsers are listed, B as this one.
    await waitForText(pb, '.devices', '(this browser)');
    expect(onB.status.devices).toHaveLength(2);
  });

  it('a browser with a vault of its own joins: its accounts merge in, one it shares with the synced vault is kept once', async () => {
    const c = await launchWithExtension();
    try {
      const pc = await c.openPopupTab();
      await createVaultThroughUi(pc, 'a vault of its own in browser C 5');
      await callFromPage(pc, 'addAccounts', { drafts: [
        // The same account as A's Acme (same secret), bound to another site; and one only C has.
        { account: totp('ACME', 'alice', 'JBSWY3DPEHPK3PXP'), origins: ['https://login.acme.test'] },
        { account: totp('Solo', 'carol', 'ORSXG5BAMNZGC3DF') },
      ] });
      await press(pc, 'Settings');
      await enterWebdav(pc, login());
      await pc.locator('::-p-aria(Join a vault synced from another browser)').click();
      await joinWith(pc, kit);
      await pc.waitForSelector('[data-testid="sync-on"]', { timeout: 30_000 });

      const onC = await accounts(pc);
      expect(onC.filter((x) => x.id === (onC.find((y) => y.issuer === 'Acme Corp')?.id))).toHaveLength(1);
      expect(onC.map((x) => x.issuer).sort()).toEqual(['Acme Corp', 'Globex', 'Hooli', 'Solo', 'Umbrella']);
      expect(onC.find((x) => x.issuer === 'Acme Corp')!.origins.sort()).toEqual(['https://acme.test', 'https://login.acme.test']);
      await syncNow(pa);
      expect(await accounts(pa)).toEqual(onC);
      // C's vault is now the synced one, under the synced vault's master password.
      await callFromPage(pc, 'lock', {});
      await callFromPage(pc, 'unlock', { password: MASTER });
      await callFromPage(pc, 'disableSync', {});
    } finally {
      await c.close();
    }
    // A and B agree again before the next test.
    await syncNow(pb);
    expect(await accounts(pb)).toEqual(await accounts(pa));
  });

  it('a master password change rewraps the key file: a new browser joins with the new password, not the old one', async () => {
    const next = 'a new master passphrase for every browser 9';
    await callFromPage(pa, 'changeMasterPassword', { current: MASTER, next });
    await syncNow(pa);
    const keyFile = readFileSync(join(dav.dir, 'keyfob', 'key'), 'utf8');
    await expect(openKeyBundle(keyFile, MASTER, kit)).rejects.toBeInstanceOf(KeyBundleError);
    await expect(openKeyBundle(keyFile, next, kit)).resolves.toBeDefined();
    // The password alone is not enough: the kit is part of the key.
    await expect(openKeyBundle(keyFile, next, 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YA')).rejects.toBeInstanceOf(KeyBundleError);
  });
});

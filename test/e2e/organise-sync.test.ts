// Pins and the order by hand travel with sync (issue 24): browser A pins an account and drags another to a new place,
// both sync through a real WebDAV server (Apache), and browser B shows the same pin and order, also after a restart.
import { rmSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebdavServer, type WebdavServer } from '../support/webdav-server.ts';
import { launchWithExtension, type Harness } from './harness.ts';
import { carry, waitForIssuers } from './list-driver.ts';
import { callFromPage, fill, MASTER, press, totp, waitForText } from './popup-driver.ts';
import { syncNow, twoBrowsers } from './sync-setup.ts';

const USER = 'alice';
const APP_PASSWORD = 'app-password-7d1e3a';

async function openList(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('[role="list"][aria-busy="false"]');
}

async function pinned(page: Page): Promise<string[]> {
  return page.$$eval('[role="listitem"]', (rows) => rows
    .filter((r) => r.querySelector('.star.pinned'))
    .map((r) => r.querySelector('.issuer')?.textContent ?? ''));
}

describe('pins and the order by hand, synced to a second browser', () => {
  let dav: WebdavServer;
  let a: Harness;
  let b: Harness;
  let pa: Page;
  let pb: Page;

  beforeAll(async () => {
    dav = await startWebdavServer({ user: USER, password: APP_PASSWORD });
    ({ a, b, pa, pb } = await twoBrowsers());
    await callFromPage(pa, 'addAccounts', { drafts: [
      { account: totp('Initech', 'peter', 'MFRGGZDFMZTWQ2LK') },
      { account: totp('Hooli', 'gavin', 'ONSWG4TFOQYTEMZU') },
      { account: totp('Umbrella', 'alice', 'GEZDGNBVGY3TQOJQ') },
    ] });
    const webdav = { url: dav.url, username: USER, password: APP_PASSWORD };
    const { kit } = await callFromPage<{ kit: string }>(pa, 'enableSync', { backend: 'webdav', webdav, masterPassword: MASTER });
    await callFromPage(pb, 'joinSync', { backend: 'webdav', webdav, masterPassword: MASTER, kit });
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    const profile = b?.userDataDir;
    await b?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await dav?.close();
  });

  it('pins and drags on A; after a sync B shows the same pin and order, and keeps them across a restart', async () => {
    await openList(pa);
    await waitForIssuers(pa, ['Acme', 'Globex', 'Initech', 'Hooli', 'Umbrella']);
    // The star of Umbrella, the last row.
    await (await pa.waitForSelector('[role="listitem"][aria-posinset="5"] .star'))!.click();
    await waitForText(pa, '[role="status"]', 'Umbrella is pinned to the top.');
    await waitForIssuers(pa, ['Umbrella', 'Acme', 'Globex', 'Initech', 'Hooli']);
    await carry(pa, 5, -3);
    await pa.mouse.up();
    await waitForText(pa, '[role="status"]', 'Hooli moved to place 2 of 5.');
    const expected = ['Umbrella', 'Hooli', 'Acme', 'Globex', 'Initech'];
    await waitForIssuers(pa, expected);

    await syncNow(pa);
    await syncNow(pb);
    await openList(pb);
    await waitForIssuers(pb, expected);
    expect(await pinned(pb)).toEqual(['Umbrella']);

    const profile = b.userDataDir;
    await b.close({ keepProfile: true });
    b = await launchWithExtension({ userDataDir: profile });
    pb = await b.openPopupTab();
    await fill(pb, 'Master password', MASTER);
    await press(pb, 'Unlock');
    await pb.waitForSelector('[role="list"][aria-busy="false"]');
    await waitForIssuers(pb, expected);
    expect(await pinned(pb)).toEqual(['Umbrella']);
  });
});

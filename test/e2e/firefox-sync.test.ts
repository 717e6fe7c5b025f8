// Sync across browsers: Firefox (ESR, installed from the store zip) turns sync on through its popup with a real WebDAV
// server (Apache mod_dav), a Chromium profile joins with the recovery kit, and edits and deletes cross both ways.
import { createHmac } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../scripts/build/firefox-manifest.ts';
import { coverTarget } from '../../src/shared/sync/cover.ts';
import { base32Decode } from '../../src/shared/index.ts';
import { startWebdavServer, type WebdavServer } from '../support/webdav-server.ts';
import { grantedOrigins, launchFirefoxWithKeyfob, type FirefoxKeyfob } from './firefox-driver.ts';
import { launchWithExtension, type Harness } from './harness.ts';
import { callFromPage, createVaultThroughUi, fill, MASTER, press, totp, waitForText } from './popup-driver.ts';
import { accounts, enterWebdav, joinWith } from './sync-setup.ts';

const USER = 'alice';
const APP_PASSWORD = 'app-password-7d1b0a';
const SECRETS: Record<string, string> = { Acme: 'JBSWY3DPEHPK3PXP', Globex: 'KRSXG5CTMVRXEZLU' };

interface SyncViewLike { status: { error: { code: string } | null; devices: { name: string; self: boolean }[] } }
interface Code { id: string; code: string; nextCode: string | null; validUntil: number; period: number }

async function syncNow(page: Page): Promise<SyncViewLike> {
  const view = await callFromPage<SyncViewLike>(page, 'syncNow', {});
  expect(view.status.error).toBeNull();
  return view;
}

/** RFC 6238 (SHA-1, 6 digits) computed here, independently of Keyfob's own code generator. */
function rfc6238(secret: string, periodEndsAt: number, period: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(periodEndsAt / 1000 / period) - 1));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function codes(page: Page): Promise<Code[]> {
  return (await callFromPage<{ codes: Code[] }>(page, 'getCodes', {})).codes;
}

/**
 * Turns Keyfob's site access back on the way the user's switch in about:addons → Keyfob → Permissions does
 * (ExtensionPermissions.add), in the browser window's own scope over Puppeteer's WebDriver BiDi session.
 */
async function restoreSiteAccessInFirefox(browser: Browser): Promise<void> {
  interface Bidi { send(method: string, params: object): Promise<{ result: Record<string, unknown> }> }
  const bidi = (browser as unknown as { connection: Bidi }).connection;
  const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const [window] = tree.result.contexts as { context: string }[];
  const expression = `(async () => {
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
    const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
    await ExtensionPermissions.add(extension.id, { permissions: [], origins: ['http://*/*', 'https://*/*'] }, extension);
  })()`;
  const { result } = await bidi.send('script.evaluate', { expression, target: { context: window!.context }, awaitPromise: true });
  if (result.type === 'exception') throw new Error(`in the browser window: ${JSON.stringify(result.exceptionDetails)}`);
}

describe('sync between Firefox and Chromium through WebDAV', () => {
  let dav: WebdavServer;
  let ff: FirefoxKeyfob;
  let chromium: Harness;
  let fox: Page;
  let chr: Page;
  let kit: string;

  beforeAll(async () => {
    dav = await startWebdavServer({ user: USER, password: APP_PASSWORD });
    [ff, chromium] = await Promise.all([launchFirefoxWithKeyfob(), launchWithExtension()]);
    [fox, chr] = await Promise.all([ff.openPopupOver(await ff.newPage()), chromium.openPopupTab()]);
    await createVaultThroughUi(fox);
    await callFromPage(fox, 'addAccounts', { drafts: [
      { account: totp('Acme', 'alice@acme.test', SECRETS.Acme!), origins: ['https://acme.test'] },
      { account: totp('Globex', 'alice', SECRETS.Globex!) },
    ] });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([ff?.close(), chromium?.close()]);
    await dav?.close();
  });

  it('Firefox turns sync on from its popup with the WebDAV server it already has host access to', async () => {
    // Granted at install (the content script's matches), so the popup's permissions.contains is true and no prompt
    // is needed; the background's own check before each sync agrees.
    expect((await grantedOrigins(fox)).sort()).toEqual(['http://*/*', 'https://*/*']);
    expect(await fox.evaluate((url: string) => chrome.permissions.contains({ origins: [`${new URL(url).protocol}//${new URL(url).hostname}/*`] }), dav.url)).toBe(true);

    await press(fox, 'Settings');
    await enterWebdav(fox, { url: dav.url, user: USER, password: APP_PASSWORD });
    await fill(fox, 'Master password', MASTER);
    await press(fox, 'Turn on sync');
    const shown = await fox.waitForSelector('[data-testid="sync-kit"]', { timeout: 30_000 });
    kit = (await shown!.evaluate((el) => el.textContent ?? '')).trim();
    expect(kit).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{1,4}){6}$/);
    await fox.locator('::-p-aria(I have saved my recovery kit)').click();
    await press(fox, 'Done');
    await fox.waitForSelector('[data-testid="sync-on"]');
    await waitForText(fox, '.devices', '(this browser)');

    const files = readdirSync(join(dav.dir, 'keyfob'));
    expect(files).toEqual(expect.arrayContaining(['key', 'manifest']));
    // Two accounts, padded with cover files to the smallest bucket (src/shared/sync/cover.ts).
    expect(files.filter((f) => f.startsWith('r-'))).toHaveLength(coverTarget(2));
  });

  it('Chromium joins from its first-run screen with the kit and lists the same accounts with the same codes', async () => {
    await press(chr, 'Join a synced vault');
    await enterWebdav(chr, { url: dav.url, user: USER, password: APP_PASSWORD });
    await joinWith(chr, kit);
    await chr.waitForSelector('::-p-aria(Search)', { timeout: 30_000 });

    const onFirefox = await accounts(fox);
    expect(onFirefox.map((x) => x.issuer).sort()).toEqual(['Acme', 'Globex']);
    expect(await accounts(chr)).toEqual(onFirefox);

    // Both browsers give each account the code RFC 6238 gives for its secret, for the period each one is in.
    const [codesFox, codesChr] = await Promise.all([codes(fox), codes(chr)]);
    expect(codesChr).toHaveLength(2);
    for (const view of onFirefox) {
      const secret = SECRETS[view.issuer]!;
      const a = codesFox.find((c) => c.id === view.id)!;
      const b = codesChr.find((c) => c.id === view.id)!;
      expect(a.code).toBe(rfc6238(secret, a.validUntil, a.period));
      expect(b.code).toBe(rfc6238(secret, b.validUntil, b.period));
      // Asked at the same moment: the same code, unless the two calls straddled a period boundary.
      if (a.validUntil === b.validUntil) expect(b.code).toBe(a.code);
      else expect(Math.abs(a.validUntil - b.validUntil)).toBe(a.period * 1000);
    }

    // The Firefox popup's Settings lists both browsers once Firefox has synced again.
    const both = await syncNow(fox);
    expect(both.status.devices).toHaveLength(2);
  });

  it('a rename in Chromium reaches Firefox; a delete in Firefox reaches Chromium', async () => {
    const acme = (await accounts(chr)).find((x) => x.issuer === 'Acme')!;
    await callFromPage(chr, 'updateAccount', { id: acme.id, patch: { issuer: 'Acme Corp' } });
    await syncNow(chr);
    await syncNow(fox);
    expect((await accounts(fox)).find((x) => x.id === acme.id)).toMatchObject({ issuer: 'Acme Corp', account: 'alice@acme.test', origins: ['https://acme.test'] });
    expect(await accounts(fox)).toEqual(await accounts(chr));

    const globex = (await accounts(fox)).find((x) => x.issuer === 'Globex')!;
    await callFromPage(fox, 'deleteAccount', { id: globex.id });
    await syncNow(fox);
    await syncNow(chr);
    expect((await accounts(chr)).map((x) => x.issuer)).toEqual(['Acme Corp']);
    expect(await accounts(chr)).toEqual(await accounts(fox));
  });
  it('with site access withdrawn in Firefox, its sync says so and sends nothing; switched back on, it catches up', async () => {
    const acme = (await accounts(chr)).find((x) => x.issuer === 'Acme Corp')!;
    await callFromPage(chr, 'updateAccount', { id: acme.id, patch: { notes: 'from Chromium' } });
    await syncNow(chr);
    const lastSeen = (await callFromPage<{ status: { devices: { self: boolean; lastSyncAt: number }[] } }>(chr, 'syncStatus', {})).status.devices.find((d) => !d.self)!.lastSyncAt;

    // The user's switch in about:addons (ExtensionPermissions.remove), as firefox-journeys does it.
    await fox.evaluate(() => chrome.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }));
    expect(await grantedOrigins(fox)).toEqual([]);
    await press(fox, 'Sync now');
    await waitForText(fox, '[data-testid="sync-error"]', 'does not allow Keyfob');
    expect(await fox.$eval('[data-testid="sync-error"]', (el) => el.getAttribute('data-code'))).toBe('forbidden');
    // The way back is offered right there (Firefox then asks in its own prompt, which a test cannot answer).
    await fox.waitForSelector('::-p-aria([name="Allow Keyfob to reach this server"][role="button"])');
    expect((await accounts(fox)).find((x) => x.id === acme.id)!.notes).toBe('');
    // Firefox never reached the server: the manifest Chromium reads still has Firefox's earlier sync.
    await syncNow(chr);
    const firefoxOnChromium = (await callFromPage<{ status: { devices: { self: boolean; lastSyncAt: number }[] } }>(chr, 'syncStatus', {})).status.devices.find((d) => !d.self)!;
    expect(firefoxOnChromium.lastSyncAt).toBe(lastSeen);

    await restoreSiteAccessInFirefox(ff.browser);
    expect((await grantedOrigins(fox)).sort()).toEqual(['http://*/*', 'https://*/*']);
    await syncNow(fox);
    expect(await accounts(fox)).toEqual(await accounts(chr));
    expect((await accounts(fox)).find((x) => x.id === acme.id)!.notes).toBe('from Chromium');
  });
});

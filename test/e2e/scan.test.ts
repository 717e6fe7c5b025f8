// Scan QR code through the real action popup, at device scale 2: visible codes, codes below the fold
// (the page's own img/svg), malformed payloads, protected pages, and a two-part Google Authenticator export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from './harness.ts';
import { serveStatic, type StaticServer } from './static-server.ts';
import { callFromPage, MASTER, press, waitForText } from './popup-driver.ts';

interface ListedAccount { issuer: string; account: string; origins: string[] }

const uri = (issuer: string, account: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;

// A minimal protobuf writer for Google Authenticator's MigrationPayload (field numbers from its .proto).
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) { out.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); }
  out.push(v);
  return out;
}
const field = (num: number, bytes: number[]) => [...varint((num << 3) | 2), ...varint(bytes.length), ...bytes];
const intField = (num: number, value: number) => [...varint(num << 3), ...varint(value)];
const text = (s: string) => [...new TextEncoder().encode(s)];

function migrationUri(accounts: { name: string; issuer: string; secret: number[] }[], batch: { size: number; index: number; id: number }): string {
  const payload = [
    ...accounts.flatMap((a) => field(1, [...field(1, a.secret), ...field(2, text(a.name)), ...field(3, text(a.issuer)),
      ...intField(4, 1), ...intField(5, 1), ...intField(6, 2)])),
    ...intField(2, 1), ...intField(3, batch.size), ...intField(4, batch.index), ...intField(5, batch.id),
  ];
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
}

const png = (data: string) => QRCode.toBuffer(data, { scale: 4, margin: 4 });
const page = (body: string) => `<!doctype html><html><body style="margin:0;font-family:sans-serif">${body}</body></html>`;

describe('scan QR code from the action popup', () => {
  let h: Harness;
  let site: StaticServer;

  beforeAll(async () => {
    const shadowPng = (await png(uri('Shadow Co', 'shay', 'MFRGGZDFMZTWQ2LN'))).toString('base64');
    const svg = await QRCode.toString(uri('SvgCo', 'sam', 'GEZDGNBVGY3TQOJQ'), { type: 'svg', margin: 1 });
    site = await serveStatic({
      '/visible': page('<h1>Enable two-factor authentication</h1><img src="/visible.png" alt="QR code">'),
      '/visible.png': await png(uri('Visible Co', 'vera@example.com', 'JBSWY3DPEHPK3PXQ')),
      '/below': page('<div style="height:2600px">Scroll down for the code</div><img src="/below.png" alt="QR code">'),
      '/below.png': await png(uri('Below Co', 'bela', 'KRSXG5CTMVRXEZLU')),
      '/svg-below': page(`<div style="height:2600px"></div><div style="width:96px">${svg.replace('<svg ', '<svg width="96" height="96" ')}</div>`),
      '/tiny': page(`<p>Setup</p><img src="/tiny.png" style="width:22px;height:22px;margin:200px" alt="QR">`),
      '/tiny.png': await png(uri('Tiny Co', 'tim', 'ORSXG5BRGIZTINJW')),
      '/two': page('<img src="/one-of-two.png" alt="QR 1"><img src="/two-of-two.png" alt="QR 2">'),
      '/one-of-two.png': await png(uri('First Co', 'fred', 'MFRGGZDFMZTWQ2LL')),
      '/two-of-two.png': await png(uri('Second Co', 'sue', 'MFRGGZDFMZTWQ2LM')),
      '/shadow-below': page('<div style="height:2600px"></div><div id="host"></div><script>document.getElementById("host")'
        + `.attachShadow({ mode: "open" }).innerHTML = '<img alt="QR" src="data:image/png;base64,${shadowPng}">';</script>`),
      '/malformed': page('<img src="/malformed.png" alt="QR code">'),
      '/malformed.png': await png('otpauth://totp/Bad:mallory?secret=!!notbase32!!&issuer=Bad'),
      '/part1': page('<img src="/part1.png" alt="export 1 of 2">'),
      '/part1.png': await png(migrationUri([{ name: 'ga-one', issuer: 'Google One', secret: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }], { size: 2, index: 0, id: 77 })),
      '/part2': page('<img src="/part2.png" alt="export 2 of 2">'),
      '/part2.png': await png(migrationUri([{ name: 'ga-two', issuer: 'Google Two', secret: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20] }], { size: 2, index: 1, id: 77 })),
    });
    h = await launchWithExtension({ deviceScaleFactor: 2 });
    const setup = await h.openPopupTab();
    await callFromPage(setup, 'createVault', { password: MASTER });
    await setup.close();
  });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  async function accounts(): Promise<ListedAccount[]> {
    const p = await h.openPopupTab();
    const { accounts: list } = await callFromPage<{ accounts: ListedAccount[] }>(p, 'listAccounts', {});
    await p.close();
    return list;
  }

  async function scan(path: string): Promise<{ tab: Page; popup: Page }> {
    const tab = await h.newPage(`${site.url}${path}`);
    const popup = await h.openActionPopup(tab);
    await press(popup, 'Scan QR code');
    return { tab, popup };
  }

  it('decodes a visible QR at device scale 2, confirms issuer and account, and binds the account to the page’s origin', async () => {
    const { tab, popup } = await scan('/visible');
    await popup.waitForSelector('main[data-scan-pass="capture"]');
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    expect(await issuer?.evaluate((e) => (e as HTMLInputElement).value)).toBe('Visible Co');
    expect(await popup.$eval('::-p-aria(Account name)', (e) => (e as HTMLInputElement).value)).toBe('vera@example.com');
    await waitForText(popup, '[data-testid="scan-site"]', `Codes will be filled on ${site.url}.`);
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Visible Co');
    expect((await accounts()).find((a) => a.issuer === 'Visible Co')).toMatchObject({ account: 'vera@example.com', origins: [site.url] });
    await tab.close();
  });

  it('finds a QR image below the fold through the page’s own elements', async () => {
    const { tab, popup } = await scan('/below');
    await popup.waitForSelector('main[data-scan-pass="element"]');
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Below Co');
    await tab.close();
  });

  it('finds a small inline SVG QR below the fold', async () => {
    const { tab, popup } = await scan('/svg-below');
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    expect(await issuer?.evaluate((e) => (e as HTMLInputElement).value)).toBe('SvgCo');
    await tab.close();
  });

  it('shows the parser’s message for a malformed otpauth QR and saves nothing', async () => {
    const before = (await accounts()).length;
    const { tab, popup } = await scan('/malformed');
    const message = await waitForText(popup, '[data-testid="scan-message"]', 'not a valid two-factor code');
    expect(message.length).toBeGreaterThan('This QR code is not a valid two-factor code: '.length);
    expect(await popup.$('::-p-aria([name="Save"][role="button"])')).toBeNull();
    expect((await accounts()).length).toBe(before);
    await tab.close();
  });

  it('says clearly when a page has no QR code and offers the image-file fallback', async () => {
    const { tab, popup } = await scan('/nothing-here');
    await waitForText(popup, '[data-testid="scan-message"]', 'No QR code found');
    await popup.waitForSelector('::-p-text(Import QR image)');
    await tab.close();
  });

  it('imports a two-part Google Authenticator export, saying "1 of 2" then "2 of 2 scanned"', async () => {
    const first = await scan('/part1');
    await waitForText(first.popup, '[data-testid="batch-progress"]', '1 of 2 scanned');
    await press(first.popup, 'Save 1 account');
    await waitForText(first.popup, '[role="status"]', 'Scan the other 1');
    await first.tab.close();
    const second = await scan('/part2');
    await waitForText(second.popup, '[data-testid="batch-progress"]', '2 of 2 scanned');
    await press(second.popup, 'Save 1 account');
    await waitForText(second.popup, '[role="status"]', 'Saved Google Two');
    const names = (await accounts()).map((a) => a.issuer);
    expect(names).toEqual(expect.arrayContaining(['Google One', 'Google Two']));
    await second.tab.close();
  });

  it('decodes a QR code scaled down to 22 CSS pixels, too small to read from the screenshot', async () => {
    const { tab, popup } = await scan('/tiny');
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    expect(await issuer?.evaluate((e) => (e as HTMLInputElement).value)).toBe('Tiny Co');
    await tab.close();
  });

  it('opens an image handed over by the "Add to Keyfob" context menu and binds it to that page’s origin', async () => {
    const popup = await h.openPopupTab();
    // Let the first load settle on the list, or it could take the hand-off itself before the reload below.
    await popup.waitForSelector('::-p-aria(Search)');
    const dataUrl = await QRCode.toDataURL(uri('Menu Co', 'max', 'NBSWY3DPFQQHO33S'), { scale: 4 });
    await popup.evaluate((url: string) => chrome.storage.session.set({
      'keyfob.popup.pendingImage': { dataUrl: url, frameUrl: 'https://accounts.menu.example.co.uk/setup', pageUrl: 'https://accounts.menu.example.co.uk/setup' },
    }), dataUrl);
    await popup.reload();
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    expect(await issuer?.evaluate((e) => (e as HTMLInputElement).value)).toBe('Menu Co');
    await waitForText(popup, '[data-testid="scan-site"]', 'Codes will be filled on https://accounts.menu.example.co.uk.');
    await popup.close();
  });

  it('refuses a protected browser page with a clear message and offers the image-file fallback', async () => {
    const tab = await h.newPage('chrome://version');
    const popup = await h.openActionPopup(tab);
    await press(popup, 'Scan QR code');
    await waitForText(popup, '[data-testid="scan-message"]', 'cannot look at this page');
    await popup.waitForSelector('::-p-text(Import QR image)');
    await tab.close();
  });

  it('imports a QR code from an image file, not bound to any site', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kf-scan-file-'));
    const file = join(dir, 'screenshot.png');
    await QRCode.toFile(file, uri('File Co', 'fay', 'MFRGGZDFMZTWQ2LK'), { scale: 3, margin: 0 });
    const popup = await h.openPopupTab();
    await press(popup, 'Add account');
    const input = await popup.waitForSelector('input[type="file"][accept="image/*"]');
    await (input as ElementHandle<HTMLInputElement>).uploadFile(file);
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    await popup.waitForFunction((el) => (el as HTMLInputElement).value === 'File Co', {}, issuer);
    await waitForText(popup, '[data-testid="scan-site"]', 'Not bound to a site');
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved File Co');
    expect((await accounts()).find((a) => a.issuer === 'File Co')?.origins).toEqual([]);
    await popup.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the user pick one when a page shows several codes', async () => {
    const { tab, popup } = await scan('/two');
    await waitForText(popup, 'legend', '2 codes found');
    await popup.click('::-p-aria(Second Co (sue))');
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    await popup.waitForFunction((el) => (el as HTMLInputElement).value === 'Second Co', {}, issuer);
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Second Co');
    const issuers = (await accounts()).map((a) => a.issuer);
    expect(issuers).toContain('Second Co');
    expect(issuers).not.toContain('First Co');
    await tab.close();
  });

  it('finds a QR inside an open shadow root below the fold', async () => {
    const { tab, popup } = await scan('/shadow-below');
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    expect(await issuer?.evaluate((e) => (e as HTMLInputElement).value)).toBe('Shadow Co');
    await tab.close();
  });

  it('reports a code that is already in the vault instead of saving it twice', async () => {
    const { tab, popup } = await scan('/visible');
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'not saved twice');
    expect((await accounts()).filter((a) => a.issuer === 'Visible Co')).toHaveLength(1);
    await tab.close();
  });
});

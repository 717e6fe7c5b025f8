// Account icons from the bound site (issue 24): scanning the demo site's enrolment QR captures the site's own favicon
// from the page, and the popup's row shows it; a page whose icon lives on another origin gives no site icon, and
// Keyfob sends that other origin not one request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from './harness.ts';
import { startDemoSite, type DemoSite } from './demo-site.ts';
import { registerAndOpenTwoFactorSetup } from './demo-flows.ts';
import { serveStatic, type StaticServer } from './static-server.ts';
import { callFromPage, MASTER, press, waitForText } from './popup-driver.ts';

interface ListedAccount { id: string; issuer: string; account: string; icon?: { kind: string; data?: string } }

/** A server on another loopback port that logs every request it gets: the icon host a leak would reach. */
interface CountingServer {
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Resolves once the server has had `n` requests. */
  reached(n: number): Promise<void>;
  close(): Promise<void>;
}

async function countingServer(body: Buffer): Promise<CountingServer> {
  const requests: CountingServer['requests'] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    for (const w of waiting.filter((x) => requests.length >= x.n)) w.resolve();
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reached: (n) => new Promise<void>((resolve) => { if (requests.length >= n) resolve(); else waiting.push({ n, resolve }); }),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** What the row of `issuer` shows in the open popup: its icon kind and, for a site icon, the image's data URL. */
async function rowIcon(popup: Page, issuer: string): Promise<{ kind: string | null; src: string | null }> {
  await popup.waitForFunction((name) => [...document.querySelectorAll('li.row .issuer')].some((e) => e.textContent === name), {}, issuer);
  return popup.evaluate((name) => {
    const row = [...document.querySelectorAll('li.row')].find((r) => r.querySelector('.issuer')?.textContent === name);
    const icon = row?.querySelector<HTMLElement>('[data-icon]');
    return { kind: icon?.dataset.icon ?? null, src: icon?.querySelector('img')?.getAttribute('src') ?? null };
  }, issuer);
}

describe('icons from the bound site', () => {
  let h: Harness;
  let demo: DemoSite;
  let site: StaticServer;
  let iconHost: CountingServer;

  beforeAll(async () => {
    demo = await startDemoSite();
    const ownIcon = await QRCode.toBuffer('an icon, not a code', { scale: 1, margin: 0 });
    iconHost = await countingServer(ownIcon);
    const qr = await QRCode.toBuffer('otpauth://totp/Crossicon:cora@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Crossicon', { scale: 4, margin: 4 });
    site = await serveStatic({
      '/cross': '<!doctype html><html><head>'
        + `<link rel="icon" href="${iconHost.url}/icon.png"><link rel="apple-touch-icon" href="${iconHost.url}/touch.png">`
        + '</head><body style="margin:0"><img src="/cross.png" alt="QR code"></body></html>',
      '/cross.png': qr,
      // The page declares its icons elsewhere, so this is not its icon, and is not taken in their place.
      '/favicon.ico': ownIcon,
    });
    h = await launchWithExtension();
    const setup = await h.openPopupTab();
    await callFromPage(setup, 'createVault', { password: MASTER });
    await setup.close();
  });
  afterAll(async () => {
    await h?.close();
    await demo?.close();
    await site?.close();
    await iconHost?.close();
  });

  async function listed(popup: Page, issuer: string): Promise<ListedAccount | undefined> {
    const { accounts } = await callFromPage<{ accounts: ListedAccount[] }>(popup, 'listAccounts', {});
    return accounts.find((a) => a.issuer === issuer);
  }

  it('captures the demo site’s own favicon when its enrolment QR is scanned, and the row shows that image', async () => {
    const page = await h.newPage();
    await registerAndOpenTwoFactorSetup(page, demo.base, { email: 'ivy@example.com', password: 'a long demo password 42' });
    const popup = await h.openActionPopup(page);
    await press(popup, 'Scan QR code');
    await waitForText(popup, '[data-testid="scan-site"]', `Codes will be filled on ${demo.base}.`);
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Keyfob Demo');

    const shown = await rowIcon(popup, 'Keyfob Demo');
    expect(shown.kind).toBe('site');
    expect(shown.src).toMatch(/^data:image\/png;base64,/);
    // The same picture the page itself makes of its declared icon at 32×32: it came from the page, not from anywhere else.
    const fromPage = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href;
      const bitmap = await createImageBitmap(await (await fetch(href)).blob());
      const canvas = document.createElement('canvas');
      canvas.width = 32;
      canvas.height = 32;
      const ctx = canvas.getContext('2d')!;
      ctx.imageSmoothingQuality = 'high';
      const scale = Math.min(32 / bitmap.width, 32 / bitmap.height);
      ctx.drawImage(bitmap, (32 - bitmap.width * scale) / 2, (32 - bitmap.height * scale) / 2, bitmap.width * scale, bitmap.height * scale);
      return { href, data: canvas.toDataURL('image/png') };
    });
    expect(fromPage.href).toBe(`${demo.base}/static/favicon.png`);
    expect(shown.src).toBe(fromPage.data);
    expect(await listed(popup, 'Keyfob Demo')).toMatchObject({ icon: { kind: 'site', data: fromPage.data } });
    await page.close();
  });

  it('takes no icon from a page whose icons live on another origin, and sends that origin no request', async () => {
    const tab = await h.newPage(`${site.url}/cross`);
    // The browser fetches the tab's own icon for its tab strip (an image request, as for any site the user visits);
    // that one comes before Keyfob is even opened and is not Keyfob's.
    await iconHost.reached(1);
    expect(iconHost.requests.map((r) => [r.path, r.headers['sec-fetch-dest']])).toEqual([['/icon.png', 'image']]);
    const before = iconHost.requests.length;
    const popup = await h.openActionPopup(tab);
    await press(popup, 'Scan QR code');
    await waitForText(popup, '[data-testid="scan-site"]', `Codes will be filled on ${site.url}.`);
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Crossicon');

    expect((await rowIcon(popup, 'Crossicon')).kind).toBe('letter');
    expect((await listed(popup, 'Crossicon'))?.icon).toBeUndefined();
    expect(iconHost.requests.slice(before)).toEqual([]);
    await tab.close();
  });

  it('lets the user choose a brand, take the site icon back, and clear the icon to the letter', async () => {
    const popup = await h.openPopupTab();
    await press(popup, 'Details for Keyfob Demo ivy@example.com');
    await waitForText(popup, '[data-testid="icon-shown"]', 'Shows the site’s own icon.');
    await press(popup, 'Choose a brand icon');
    await popup.waitForSelector('[data-testid="brand-picker"][aria-busy="false"]');
    await popup.type('::-p-aria(Search brand icons)', 'gitl');
    await popup.click('[data-testid="brand-picker"] [data-brand="gitlab"]');
    await waitForText(popup, '[data-testid="icon-shown"]', 'Shows the GitLab icon.');
    await waitForText(popup, '[data-testid="icon-status"]', 'Icon changed.');
    expect(await listed(popup, 'Keyfob Demo')).toMatchObject({ icon: { kind: 'brand', slug: 'gitlab' } });

    await press(popup, 'Use site icon');
    await waitForText(popup, '[data-testid="icon-shown"]', 'Shows the site’s own icon.');
    await press(popup, 'Clear icon');
    await waitForText(popup, '[data-testid="icon-shown"]', 'Shows the first letter.');
    await press(popup, 'Back');
    expect((await rowIcon(popup, 'Keyfob Demo')).kind).toBe('letter');
    await popup.close();
  });
});

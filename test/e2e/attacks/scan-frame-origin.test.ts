// Hole 6: a scanned account binds to the origin that showed the QR code. A page that frames another origin's
// enrolment QR does not silently get the account bound to itself: Keyfob shows both origins and the user picks;
// the image context menu hands over the frame's URL, not the page's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from '../harness.ts';
import { serveStatic, type StaticServer } from '../static-server.ts';
import { callFromPage, MASTER, press, waitForText } from '../popup-driver.ts';
import { imageHandoff } from '../../../extension/background/context-menu.ts';

interface ListedAccount { issuer: string; origins: string[] }

const uri = (issuer: string, secret: string) => `otpauth://totp/${issuer}:user?secret=${secret}&issuer=${issuer}`;
const html = (body: string) => `<!doctype html><html><body style="margin:0;font-family:sans-serif">${body}</body></html>`;

describe('scanning binds to the origin that showed the QR code', () => {
  let h: Harness;
  let server: StaticServer;
  /** The framing page's origin and the framed enrolment page's origin: one server, two loopback names. */
  let top: string;
  let framed: string;

  beforeAll(async () => {
    const pages: Record<string, string | Buffer> = {
      '/enrol': html('<h1>Enable two-factor authentication</h1><img src="/framed.png" alt="QR code">'),
      '/framed.png': await QRCode.toBuffer(uri('Framed', 'JBSWY3DPEHPK3PXP'), { scale: 4, margin: 4 }),
      '/own.png': await QRCode.toBuffer(uri('Own', 'KRSXG5CTMVRXEZLU'), { scale: 4, margin: 4 }),
      '/ad': html('<p style="font-size:40px">An advertisement, no code here</p>'),
    };
    server = await serveStatic(pages);
    top = `http://127.0.0.1:${server.port}`;
    framed = `http://localhost:${server.port}`;
    // The handler reads the table per request, so pages naming the other origin can be added now that the port is known.
    pages['/framing'] = html(`<h1>Totally the bank</h1><iframe src="${framed}/enrol" width="420" height="420" style="border:0"></iframe>`);
    pages['/own-with-ad'] = html(`<h1>Enable 2FA</h1><img src="/own.png" alt="QR code">
      <iframe src="${framed}/ad" width="420" height="200" style="border:0"></iframe>`);
    h = await launchWithExtension();
    const setup = await h.openPopupTab();
    await callFromPage(setup, 'createVault', { password: MASTER });
    await setup.close();
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  async function accounts(): Promise<ListedAccount[]> {
    const p = await h.openPopupTab();
    const { accounts: list } = await callFromPage<{ accounts: ListedAccount[] }>(p, 'listAccounts', {});
    await p.close();
    return list;
  }

  async function originChoices(popup: Page): Promise<{ value: string; checked: boolean }[]> {
    await popup.waitForSelector('[data-testid="scan-origins"] input[type="radio"]');
    return popup.$$eval('[data-testid="scan-origins"] input[type="radio"]',
      (els) => els.map((e) => ({ value: (e as HTMLInputElement).value, checked: (e as HTMLInputElement).checked })));
  }

  it('offers both origins when the QR sits in a frame of another origin, chooses none, and saves the one picked', async () => {
    const tab = await h.newPage(`${top}/framing`);
    await tab.waitForNetworkIdle({ idleTime: 100 });
    const popup = await h.openActionPopup(tab);
    await press(popup, 'Scan QR code');
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    expect(await issuer?.evaluate((e) => (e as HTMLInputElement).value)).toBe('Framed');
    // The framing page is not the silent default: both are offered and nothing is chosen.
    expect(await originChoices(popup)).toEqual([{ value: top, checked: false }, { value: framed, checked: false }]);
    expect(await popup.$('[data-testid="scan-site"]')).toBeNull();
    await press(popup, 'Save');
    await waitForText(popup, '[role="alert"]', 'Choose where its codes will be filled');
    // Asked from the popup itself: opening another tab would close the action popup.
    const { accounts: meanwhile } = await callFromPage<{ accounts: ListedAccount[] }>(popup, 'listAccounts', {});
    expect(meanwhile.find((a) => a.issuer === 'Framed')).toBeUndefined();

    await popup.click(`::-p-aria([name="${framed}"][role="radio"])`);
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Framed');
    expect((await accounts()).find((a) => a.issuer === 'Framed')?.origins).toEqual([framed]);
    await tab.close();
  });

  it('binds to the top page alone when its own QR is shown next to an unrelated frame of another origin', async () => {
    const tab = await h.newPage(`${top}/own-with-ad`);
    await tab.waitForNetworkIdle({ idleTime: 100 });
    const popup = await h.openActionPopup(tab);
    await press(popup, 'Scan QR code');
    await waitForText(popup, '[data-testid="scan-site"]', `Codes will be filled on ${top}.`);
    expect(await popup.$('[data-testid="scan-origins"]')).toBeNull();
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Own');
    expect((await accounts()).find((a) => a.issuer === 'Own')?.origins).toEqual([top]);
    await tab.close();
  });

  it('the image context menu hands over the frame URL, and the popup binds to the frame unless the user picks the page', async () => {
    // The background's hand-off for a click on an image inside the framed enrolment page.
    const dataUrl = await QRCode.toDataURL(uri('Menu', 'NBSWY3DPFQQHO33S'), { scale: 4 });
    const handoff = imageHandoff({ frameUrl: `${framed}/enrol`, pageUrl: `${top}/framing` }, `${top}/framing`, dataUrl);
    expect(handoff).toEqual({ dataUrl, frameUrl: `${framed}/enrol`, pageUrl: `${top}/framing` });
    // A click in the top document (no frame URL) keeps the page's.
    expect(imageHandoff({ pageUrl: `${top}/x` }, undefined, null)).toEqual({ dataUrl: 'data:,', frameUrl: `${top}/x`, pageUrl: `${top}/x` });

    const popup = await h.openPopupTab();
    await popup.waitForSelector('::-p-aria(Search)');
    await popup.evaluate((pending: unknown) => chrome.storage.session.set({ 'keyfob.popup.pendingImage': pending }), handoff);
    await popup.reload();
    const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
    expect(await issuer?.evaluate((e) => (e as HTMLInputElement).value)).toBe('Menu');
    // The frame showed the image, so it is chosen; the page around it is offered too.
    expect(await originChoices(popup)).toEqual([{ value: framed, checked: true }, { value: top, checked: false }]);
    await popup.click(`::-p-aria([name="${top}"][role="radio"])`);
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Menu');
    expect((await accounts()).find((a) => a.issuer === 'Menu')?.origins).toEqual([top]);
    await popup.close();
  });
});

// Proves the browser harness: the built extension loads, and its three parts run and talk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askContentScript, launchWithExtension, type Harness } from './harness.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

describe('browser harness', () => {
  let h: Harness;
  let site: StaticServer;

  beforeAll(async () => {
    site = await serveStatic({ '/': '<!doctype html><title>Plain page</title><h1>Hello</h1>' });
    h = await launchWithExtension();
  });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  it('finds the extension id and a running service worker that answers a message', async () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
    const page = await h.openPopupTab();
    const reply = await page.evaluate(() => chrome.runtime.sendMessage({ keyfob: 1, method: 'ping', params: { nonce: 'n-1' } }));
    expect(reply).toEqual({ ok: true, value: { nonce: 'n-1', from: 'background', senderKind: 'extension-page' } });
    await page.close();
  });

  it('refuses unknown methods and malformed requests at the receiving end', async () => {
    const page = await h.openPopupTab();
    const unknown = await page.evaluate(() => chrome.runtime.sendMessage({ keyfob: 1, method: 'dumpSecrets', params: {} }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const bad = await page.evaluate(() => chrome.runtime.sendMessage({ keyfob: 1, method: 'ping', params: { nonce: 42 } }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await page.close();
  });

  it('runs the content script on a loopback page', async () => {
    const page = await h.newPage(`${site.url}/`);
    const worker = await h.worker();
    const reply = await askContentScript(worker, page, 'contentPing');
    expect(reply).toEqual({ ok: true, value: { href: `${site.url}/`, frame: 'top' } });
    await page.close();
  });

  it('opens the real action popup on a page and the popup renders', async () => {
    const page = await h.newPage(`${site.url}/`);
    const popup = await h.openActionPopup(page);
    // A fresh profile has no vault, so the popup opens on its first-run screen.
    const create = await popup.waitForSelector('::-p-aria(Create vault)');
    expect(await create?.evaluate((el) => el.tagName)).toBe('BUTTON');
    await popup.close();
    await page.close();
  });
});

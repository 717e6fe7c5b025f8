// Every /lab setup variant (PNG, inline SVG, canvas, cross-site iframe, zoomed page) scans through the
// real action popup into a confirmation showing the lab account.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabRouter } from '../../demo-server/routes/lab.ts';
import { SETUP_VARIANTS } from '../../demo-server/views/lab/lab-pages.tsx';
import { launchWithExtension, type Harness } from './harness.ts';
import { callFromPage, MASTER, press } from './popup-driver.ts';

interface LabSession { base: string; account: { issuer: string; account: string } }

describe('scanning the lab’s setup pages', () => {
  let h: Harness;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    const app = express();
    app.use('/lab', createLabRouter({ appName: 'Keyfob Lab' }));
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await launchWithExtension({ deviceScaleFactor: 2 });
    const setup = await h.openPopupTab();
    await callFromPage(setup, 'createVault', { password: MASTER });
    await setup.close();
  });
  afterAll(async () => {
    await h?.close();
    await new Promise<void>((resolve) => { server?.closeAllConnections(); server?.close(() => resolve()); });
  });

  for (const variant of SETUP_VARIANTS) {
    it(`finds the QR on the “${variant}” setup page`, async () => {
      const lab = await (await fetch(`${origin}/lab/sessions`, { method: 'POST' })).json() as LabSession;
      const tab = await h.newPage(`${origin}${lab.base}/setup/${variant}`);
      // The canvas and iframe variants draw after load: wait until the network is quiet.
      await tab.waitForNetworkIdle({ idleTime: 100 });
      const popup = await h.openActionPopup(tab);
      await press(popup, 'Scan QR code');
      const issuer = await popup.waitForSelector('::-p-aria(Issuer)');
      expect(await issuer?.evaluate((e) => (e as HTMLInputElement).value)).toBe(lab.account.issuer);
      expect(await popup.$eval('::-p-aria(Account name)', (e) => (e as HTMLInputElement).value)).toBe(lab.account.account);
      await popup.close();
      await tab.close();
    });
  }
});

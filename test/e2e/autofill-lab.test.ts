// Autofill in real Chromium against every /lab challenge shape: filled on the bound site, never elsewhere.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { askContentScript, launchWithExtension, type Harness } from './harness.ts';
import { bindingFor, callFromExtension, forgetFilledSteps, MASTER_PASSWORD, settleContentScript, startLab, vaultWith, verifyLabAccepted, waitForCode, type LabServer } from './autofill-setup.ts';
import { clickKeyfobButton, KEYFOB_HOST, keyfobButtonLabel, keyfobHost } from './attacks/inline-ui-driver.ts';

describe('autofill on the lab pages', () => {
  let h: Harness;
  let lab: LabServer;
  let ext: Page;
  let base: string;
  const on = (host: '127.0.0.1' | 'localhost', path: string) => `${lab.url(host)}${base}${path}`;

  beforeAll(async () => {
    lab = await startLab();
    const session = await lab.newSession();
    base = session.base;
    h = await launchWithExtension();
    ({ ext } = await vaultWith(h, session.account, [bindingFor(lab.url('127.0.0.1'))]));
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await lab?.close();
  });




  it('fills the standard challenge field (autocomplete=one-time-code) and the site accepts it', async () => {
    const page = await h.newPage(on('127.0.0.1', '/challenge/plain'));
    await waitForCode(page, 'input[name="code"]');
    await verifyLabAccepted(page);
    await page.close();
  });

  it('fills a field without autocomplete, recognised by its label and shape', async () => {
    const page = await h.newPage(on('127.0.0.1', '/challenge/no-autocomplete'));
    await waitForCode(page, 'input[name="token"]');
    await verifyLabAccepted(page);
    await page.close();
  });

  it('fills six one-digit boxes whose site script moves the focus, one digit per box', async () => {
    const page = await h.newPage(on('127.0.0.1', '/challenge/split'));
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLInputElement>('input.digit')).every((b) => /^\d$/.test(b.value)), { timeout: 15_000 });
    const digits = await page.$$eval('input.digit', (boxes) => boxes.map((b) => (b as HTMLInputElement).value));
    expect(digits).toHaveLength(6);
    await verifyLabAccepted(page);
    await page.close();
  });

  it('fills a field that a script adds after the page loaded', async () => {
    const page = await h.newPage(on('127.0.0.1', '/challenge/late'));
    await page.waitForSelector('input[name="otp"]');
    await waitForCode(page, 'input[name="otp"]');
    await verifyLabAccepted(page);
    await page.close();
  });

  it('fills a field inside an open shadow root', async () => {
    const page = await h.newPage(on('127.0.0.1', '/challenge/shadow'));
    await page.waitForFunction(() => {
      const input = document.getElementById('shadow-host')?.shadowRoot?.querySelector('input');
      return !!input && /^\d{6}$/.test(input.value);
    }, { timeout: 15_000 });
    await Promise.all([page.waitForNavigation(), page.click('#shadow-host >>> button')]);
    expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('accepted');
    await page.close();
  });

  it('judges an iframe by its own origin: the 127.0.0.1 frame inside a localhost page is filled on the user\'s click only', async () => {
    const page = await h.newPage(on('localhost', '/challenge/iframe'));
    const frame = page.frames().find((f) => f.url().startsWith(lab.url('127.0.0.1')));
    if (!frame) throw new Error('no 127.0.0.1 frame');
    // A frame of another origin than the top page could be overlaid by it: never filled on sight.
    await keyfobHost(frame, 'input[name="code"]');
    await new Promise((r) => setTimeout(r, 500));
    expect(await frame.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    // The field sits below the frame's fold: the user scrolls it into view, then clicks Keyfob's button in it.
    await frame.$eval('input[name="code"]', (el) => el.scrollIntoView({ block: 'center' }));
    await clickKeyfobButton(frame, 'input[name="code"]');
    await waitForCode(frame, 'input[name="code"]');
    await verifyLabAccepted(frame);
    await page.close();
  });

  it('does not fill the same challenge page served on localhost when the account is bound to 127.0.0.1', async () => {
    const page = await h.newPage(on('localhost', '/challenge/plain'));
    await settleContentScript(h, ext, page);
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    await page.close();
  });

  it('leaves postal-code, phone and card fields alone', async () => {
    for (const variant of ['postal', 'phone', 'card']) {
      const page = await h.newPage(on('127.0.0.1', `/negative/${variant}`));
      await settleContentScript(h, ext, page);
      const values = await page.$$eval('input', (inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      expect(values.every((v) => v === ''), variant).toBe(true);
      expect(await page.$(KEYFOB_HOST), variant).toBeNull();
      await page.close();
    }
  });

  it('fills nothing in "Off" mode, yet the fill shortcut still fills on request', async () => {
    await callFromExtension(ext, 'updateSettings', { patch: { autofillMode: 'off' } });
    try {
      const page = await h.newPage(on('127.0.0.1', '/challenge/plain'));
      await settleContentScript(h, ext, page);
      expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
      expect(await page.$(KEYFOB_HOST)).toBeNull();
      const reply = await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' });
      expect(reply).toEqual({ ok: true, value: { filled: true } });
      await verifyLabAccepted(page);
      await page.close();
    } finally {
      await callFromExtension(ext, 'updateSettings', { patch: { autofillMode: 'automatic' } });
    }
  });

  it('submits the form after filling only when "Submit after filling" is on', async () => {
    await callFromExtension(ext, 'updateSettings', { patch: { submitAfterFill: true } });
    try {
      const page = await h.browser.newPage();
      await Promise.all([
        page.waitForFunction(() => location.pathname.endsWith('/signed-in'), { timeout: 15_000 }),
        page.goto(on('127.0.0.1', '/challenge/plain')),
      ]);
      expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('accepted');
      await page.close();
    } finally {
      await callFromExtension(ext, 'updateSettings', { patch: { submitAfterFill: false } });
    }
  });

  it('shows the key button in "On click" mode and fills only when it is pressed', async () => {
    await callFromExtension(ext, 'updateSettings', { patch: { autofillMode: 'on-click' } });
    try {
      const page = await h.newPage(on('127.0.0.1', '/challenge/split'));
      expect(await keyfobButtonLabel(page)).toBe('Fill from Keyfob…');
      expect(await page.$$eval('input.digit', (boxes) => boxes.map((b) => (b as HTMLInputElement).value).join(''))).toBe('');
      await clickKeyfobButton(page);
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLInputElement>('input.digit')).every((b) => /^\d$/.test(b.value)), { timeout: 15_000 });
      await verifyLabAccepted(page);
      await page.close();
    } finally {
      await callFromExtension(ext, 'updateSettings', { patch: { autofillMode: 'automatic' } });
    }
  });

  it('shows "Unlock Keyfob to fill" while locked, opens Keyfob from it, and fills the field once the vault is unlocked', async () => {
    await callFromExtension(ext, 'lock', {});
    const page = await h.newPage(on('127.0.0.1', '/challenge/plain'));
    expect(await keyfobButtonLabel(page)).toBe('Unlock Keyfob to fill');
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    // The hint opens Keyfob's own UI (the toolbar popup, or the same page in a small window) to unlock there.
    const popupUrl = `chrome-extension://${h.extensionId}/extension/popup/index.html`;
    const opened = h.browser.waitForTarget((t) => t.url().startsWith(popupUrl) && t !== ext.target(), { timeout: 10_000 });
    await clickKeyfobButton(page);
    const popupTarget = await opened;
    await (await popupTarget.asPage()).close();
    await callFromExtension(ext, 'unlock', { password: MASTER_PASSWORD });
    await waitForCode(page, 'input[name="code"]');
    expect(await page.$(KEYFOB_HOST)).toBeNull();
    await verifyLabAccepted(page);
    await page.close();
  });
});

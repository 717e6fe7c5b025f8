// A page on the bound origin tries to steer the code into a field of its choosing (a hidden or unrelated input) with a
// synthetic contextmenu event or by moving focus before the user presses the shortcut: the code goes only into the
// field Keyfob recognised, or the one the user really right-clicked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { generateCode, type OtpAccount } from '../../../src/shared/index.ts';
import { askContentScript, contentScriptReady, launchWithExtension, type Harness } from '../harness.ts';
import { bindingFor, callFromExtension, forgetFilledSteps, vaultWith } from '../autofill-setup.ts';
import { serveStatic, type StaticServer } from '../static-server.ts';

const account: OtpAccount = { type: 'totp', issuer: 'Steer', account: 'sam', secret: 'KRUGS4ZANFZSA5DIMUQHI2LNMU', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

// The code field is recognised; "note" is an ordinary text field the page would like the code in.
const PAGE = `<!doctype html><title>Sign in</title><form action="/done" method="post">
  <label>Authentication code <input name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></label>
  <label>Note <input name="note" type="text"></label><button>Verify</button></form>`;

describe('steering the fill', () => {
  let h: Harness;
  let site: StaticServer;
  let ext: Page;

  beforeAll(async () => {
    site = await serveStatic({ '/': PAGE });
    h = await launchWithExtension();
    ({ ext } = await vaultWith(h, account, [bindingFor(site.url)]));
    // On click: nothing is filled on load, so each test sees only what its command did.
    await callFromExtension(ext, 'updateSettings', { patch: { autofillMode: 'on-click' } });
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  const values = (page: Page) => page.evaluate(() => ({
    code: document.querySelector<HTMLInputElement>('input[name="code"]')?.value ?? '',
    note: document.querySelector<HTMLInputElement>('input[name="note"]')?.value ?? '',
  }));

  async function ready(): Promise<Page> {
    const page = await h.newPage(`${site.url}/`);
    await contentScriptReady(h, page);
    return page;
  }

  it('ignores a synthetic contextmenu event and focus moved by script: the shortcut fills the recognised field only', async () => {
    const page = await ready();
    await page.evaluate(() => {
      const note = document.querySelector<HTMLInputElement>('input[name="note"]');
      note?.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true }));
      note?.focus();
    });
    const reply = await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' });
    expect(reply).toEqual({ ok: true, value: { filled: true } });
    const { code, note } = await values(page);
    expect(note).toBe('');
    expect([await generateCode(account, Date.now()), await generateCode(account, Date.now() + 30_000)]).toContain(code);
    await page.close();
  });

  it('honours the field the user really right-clicked, even one Keyfob did not recognise', async () => {
    const page = await ready();
    await page.click('input[name="note"]', { button: 'right' });
    await page.keyboard.press('Escape');
    const at = Date.now();
    expect(await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' })).toEqual({ ok: true, value: { filled: true } });
    const { code, note } = await values(page);
    expect(code).toBe('');
    expect([await generateCode(account, at), await generateCode(account, at + 30_000)]).toContain(note);
    await page.close();
  });
});

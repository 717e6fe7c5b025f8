// Detection in real Chromium on the /lab/detect pages: a field's purpose read from the page around it (a dialog's
// heading, a group label, one box's autocomplete, "second factor"), and an e-mailed code left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from './harness.ts';
import { bindingFor, callFromExtension, settleContentScript, startLab, vaultWith, verifyLabAccepted, waitForCode, type LabServer } from './autofill-setup.ts';
import { KEYFOB_HOST } from './attacks/inline-ui-driver.ts';

describe('autofill detection on the lab pages', () => {
  let h: Harness;
  let ext: Page;
  const labs: LabServer[] = [];

  /**
   * A lab site of its own (its own port, so its own origin) with its own account bound to it: Keyfob never fills
   * the same step's code twice for one account and origin, so tests sharing one would wait for the next step.
   */
  async function newSite(): Promise<(path: string) => string> {
    const lab = await startLab();
    labs.push(lab);
    const { base, account } = await lab.newSession();
    await callFromExtension(ext, 'addAccounts', { drafts: [{ account, origins: [bindingFor(lab.url('127.0.0.1'))] }] });
    return (path) => `${lab.url('127.0.0.1')}${base}${path}`;
  }

  beforeAll(async () => {
    const first = await startLab();
    labs.push(first);
    h = await launchWithExtension();
    ({ ext } = await vaultWith(h, (await first.newSession()).account, [bindingFor(first.url('127.0.0.1'))]));
  });
  afterAll(async () => {
    await h?.close();
    await Promise.all(labs.map((lab) => lab.close()));
  });




  const allBoxesFilled = () => Array.from(document.querySelectorAll<HTMLInputElement>('input.digit')).every((b) => /^\d$/.test(b.value));

  it('serves every detection page and lists it on the lab index', async () => {
    const on = await newSite();
    const index = await (await fetch(on('/'))).text();
    for (const variant of ['heading-outside-form', 'email-code', 'split-first-autocomplete', 'split-group-label', 'second-factor']) {
      expect((await fetch(on(`/detect/${variant}`))).status, variant).toBe(200);
      expect(index, variant).toContain(`${new URL(on(`/detect/${variant}`)).pathname}"`);
    }
    expect((await fetch(on('/detect/nope'))).status).toBe(404);
  });

  it('fills a bare "Code" field whose dialog heading, before the form, names the authenticator app', async () => {
    const on = await newSite();
    const page = await h.newPage(on('/detect/heading-outside-form'));
    await waitForCode(page, 'input[name="code"]');
    await verifyLabAccepted(page);
    await page.close();
  });

  it('fills a bare name="code" field in a form that speaks of a second factor', async () => {
    const on = await newSite();
    const page = await h.newPage(on('/detect/second-factor'));
    await waitForCode(page, 'input[name="code"]');
    await verifyLabAccepted(page);
    await page.close();
  });

  it('fills plain text split boxes when only the first carries autocomplete="one-time-code"', async () => {
    const on = await newSite();
    const page = await h.newPage(on('/detect/split-first-autocomplete'));
    await page.waitForFunction(allBoxesFilled, { timeout: 15_000 });
    expect(await page.$$eval('input.digit', (boxes) => boxes.length)).toBe(6);
    await verifyLabAccepted(page);
    await page.close();
  });

  it('fills plain text split boxes named only by their role="group" aria-label', async () => {
    const on = await newSite();
    const page = await h.newPage(on('/detect/split-group-label'));
    await page.waitForFunction(allBoxesFilled, { timeout: 15_000 });
    await verifyLabAccepted(page);
    await page.close();
  });

  it('leaves an e-mailed code\'s field alone, autocomplete="one-time-code" and all, while the challenge page is filled', async () => {
    // The same browser, vault and bound origin fill the ordinary challenge: only the page's words differ.
    const on = await newSite();
    const challenge = await h.newPage(on('/challenge/plain'));
    await waitForCode(challenge, 'input[name="code"]');
    await challenge.close();
    // Another site and account, with this step's code unspent: a wrong fill would land at once, not wait for the next.
    const on2 = await newSite();
    const page = await h.newPage(on2('/detect/email-code'));
    await settleContentScript(h, ext, page);
    expect(await page.$eval('input[name="code"]', (el) => el.getAttribute('autocomplete'))).toBe('one-time-code');
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    expect(await page.$(KEYFOB_HOST)).toBeNull();
    await page.close();
  });
});

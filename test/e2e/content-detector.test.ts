// Issue 25: the content script injected into every page is a small first stage; the detector (classification, fill,
// in-page controls) is loaded into the same isolated world only where a page needs it. An ordinary page never loads
// it; a challenge page loads it and is filled, even under a page CSP that allows no script at all; the load leaves no
// trace in the page's resource timing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, launchWithExtension, type Harness } from './harness.ts';
import { bindingFor, forgetFilledSteps, vaultWith, waitForCode } from './autofill-setup.ts';
import { totp } from './popup-driver.ts';
import { challengeForm, challengePage, startAttackSites, type AttackSites } from './attacks/sites.ts';

const DETECTOR = '/extension/content/detector.js';
const FIRST_STAGE = '/extension/content/index.js';

/** An ordinary form: a name, an e-mail, a search and a message, nothing a code could go into. */
const ORDINARY = `<!doctype html><title>Contact</title><form><label>Name <input name="name"></label>
  <label>E-mail <input type="email" name="email"></label><input type="search" name="q"><textarea name="message"></textarea></form>`;

describe('the content script loads its detector only where a page needs it', () => {
  let sites: AttackSites;
  let h: Harness;

  beforeAll(async () => {
    sites = await startAttackSites();
    sites.page('https://bank.test', '/challenge', challengePage());
    const challenge = challengePage();
    sites.page('https://bank.test', '/strict', (req) => ({ headers: { 'content-security-policy': "default-src 'none'; script-src 'none'" }, body: challenge(req) }));
    sites.page('https://shop.test', '/contact', ORDINARY);
    // A frame the bank's page writes its form into: about:blank, of the bank's origin; the detector must load there too.
    const form = JSON.stringify(`<!doctype html><body>${challengeForm()}</body>`);
    sites.page('https://bank.test', '/written-frame', `<!doctype html><title>Bank</title><iframe id="f" width="600" height="300"></iframe>
      <script>const d = document.getElementById('f').contentDocument; d.open(); d.write(${form}); d.close();</script>`);
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    await vaultWith(h, totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP'), [bindingFor(sites.origin('https://bank.test'))]);
  });
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  /** Opens `url` in a new tab with the debugger watching, and returns the page and every script URL it compiled. */
  async function openWatched(url: string): Promise<{ page: Page; scripts: string[] }> {
    const page = await h.newPage();
    const scripts: string[] = [];
    const cdp = await page.createCDPSession();
    cdp.on('Debugger.scriptParsed', (e: { url: string }) => { if (e.url) scripts.push(e.url); });
    await cdp.send('Debugger.enable');
    await page.goto(url, { waitUntil: 'load' });
    return { page, scripts };
  }

  /** Waits until the first stage has run and the page has been idle (the recovery-code look happens then). */
  async function settled(page: Page, scripts: string[]): Promise<void> {
    await page.waitForFunction(() => new Promise((r) => requestIdleCallback(() => r(true), { timeout: 2000 })));
    await new Promise((r) => setTimeout(r, 300));
    expect(scripts.some((s) => s.endsWith(FIRST_STAGE))).toBe(true);
  }

  it('both stages, as built, ask V8 to compile every function once (scripts/build/compile-hint.ts)', () => {
    for (const file of [FIRST_STAGE, DETECTOR]) {
      expect(readFileSync(join(DIST, file), 'utf8').split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    }
  });

  it('an ordinary page runs only the first stage: the detector is never compiled there', async () => {
    const { page, scripts } = await openWatched(sites.url('https://shop.test', '/contact'));
    await settled(page, scripts);
    expect(scripts.filter((s) => s.endsWith(DETECTOR))).toEqual([]);
    await page.close();
  });

  it('a challenge page loads the detector and gets its code; the page\'s resource timing shows no extension file', async () => {
    const { page, scripts } = await openWatched(sites.url('https://bank.test', '/challenge'));
    await waitForCode(page, 'input[name="code"]');
    expect(scripts.filter((s) => s.endsWith(DETECTOR))).toHaveLength(1);
    const seen = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(seen.filter((u) => !u.startsWith('https://'))).toEqual([]);
    await page.close();
  });

  it('an about:blank frame the bank writes its form into loads the detector there and is filled', async () => {
    const page = await h.newPage(sites.url('https://bank.test', '/written-frame'));
    const frame = await (await page.waitForSelector('#f'))?.contentFrame();
    if (!frame) throw new Error('no frame');
    await waitForCode(frame, 'input[name="code"]');
    await page.close();
  });

  it('a page whose CSP allows no script at all still gets its code (the detector is the extension\'s, not the page\'s)', async () => {
    const { page, scripts } = await openWatched(sites.url('https://bank.test', '/strict'));
    await waitForCode(page, 'input[name="code"]');
    expect(scripts.filter((s) => s.endsWith(DETECTOR))).toHaveLength(1);
    await page.close();
  });
});

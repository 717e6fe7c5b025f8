// Issue 21: two smaller tricks a page (or two pages of one origin) could play. The step a code belongs to is recorded
// when Keyfob decides to give it, not after the short wait for a fresh code, so two documents asking in that wait do
// not both get the same code; and markup that clobbers `window.browser` cannot silence Keyfob on the page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from '../harness.ts';
import { forgetFilledSteps, vaultWith, waitForCode } from '../autofill-setup.ts';
import { totp } from '../popup-driver.ts';
import { keyfobControlText } from './inline-ui-driver.ts';
import { fieldValue, isCodeOf, leakyChallengePage } from './autofill-attack-kit.ts';
import { challengeForm, startAttackSites, type AttackSites } from './sites.ts';

const account = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');

describe('page tricks around one code', () => {
  let sites: AttackSites;
  let h: Harness;
  let bank: string;

  beforeAll(async () => {
    sites = await startAttackSites({ '* /challenge': leakyChallengePage() });
    bank = sites.origin('https://bank.test');
    // Named elements become properties of window, also as the content script sees it (its own world shares the DOM).
    sites.page('https://bank.test', '/clobbered', `<!doctype html><title>Verify</title>
<form id="browser"><input name="runtime"><input name="sendMessage"></form>
<form id="chrome"><input name="runtime"></form>
<iframe name="browser" srcdoc="<form id=runtime></form>" width="10" height="10"></iframe>
${challengeForm()}`);
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    await vaultWith(h, account, [bank]);
  });
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  it('fills the bank\'s page although it clobbers window.browser and window.chrome with its own elements', async () => {
    const page = await h.newPage(`${bank}/clobbered`);
    // The page's own view: `browser` is its element (the frame named so wins over the form), not undefined.
    expect(await page.evaluate(() => (window as unknown as { browser?: unknown }).browser !== undefined)).toBe(true);
    await waitForCode(page, 'input[name="code"]');
    expect(await isCodeOf(account, await fieldValue(page))).toBe(true);
    await page.close();
  });

  it('two pages of the bank asking while the first waits for a fresh code do not both get it', async () => {
    // Ask when the current code has under 3 s left: Keyfob then waits for the next one before it gives it out.
    for (;;) {
      const left = 30_000 - (Date.now() % 30_000);
      if (left > 1_500 && left < 2_900) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const pages: Page[] = await Promise.all([h.newPage(`${bank}/challenge`), h.newPage(`${bank}/challenge`)]);
    // One gets the next step's code once it is valid; the other is told to wait for the step after.
    await new Promise((r) => setTimeout(r, 5_000));
    const values = await Promise.all(pages.map((p) => fieldValue(p)));
    const filled = values.filter((v) => /^\d{6}$/.test(v));
    expect(filled).toHaveLength(1);
    expect(await isCodeOf(account, filled[0] ?? '')).toBe(true);
    const waiting = pages[values.findIndex((v) => v === '')];
    if (!waiting) throw new Error('both pages were filled');
    expect(await keyfobControlText(waiting)).toMatch(/Next code in \d+ s/);
    await Promise.all(pages.map((p) => p.close()));
  });
});

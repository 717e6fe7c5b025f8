// Autofill in real Chromium against pages that fight it (a script that empties or re-renders the filled field) and
// against web components that render the code field three shadow roots deep, late; with the look-alike left alone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { askContentScript, launchWithExtension, type Harness } from './harness.ts';
import { bindingFor, callFromExtension, startLab, vaultWith, waitForCode, type LabServer } from './autofill-setup.ts';
import { KEYFOB_HOST } from './attacks/inline-ui-driver.ts';

/** Past the refill guard's last read-back (1.5 s after a fill) with a margin, for "nothing more happened" checks. */
const AFTER_GUARD_MS = 2_500;

describe('autofill against page scripts and deep web components', () => {
  let h: Harness;
  let lab: LabServer;
  let ext: Page;
  let base: string;
  let accountId: string;
  const on = (path: string) => `${lab.url('127.0.0.1')}${base}${path}`;

  beforeAll(async () => {
    lab = await startLab();
    const session = await lab.newSession();
    base = session.base;
    h = await launchWithExtension();
    ({ ext, accountId } = await vaultWith(h, session.account, [bindingFor(lab.url('127.0.0.1'))]));
  });
  // Keyfob hands an origin each step's code once per account: every test gets its own lab account, so that only the
  // refill under test (never an earlier test's fill) decides whether a code has to wait for the next step.
  beforeEach(async () => {
    const session = await lab.newSession();
    base = session.base;
    await callFromExtension(ext, 'deleteAccount', { id: accountId });
    const { added } = await callFromExtension<{ added: { id: string }[] }>(ext, 'addAccounts', {
      drafts: [{ account: session.account, origins: [bindingFor(lab.url('127.0.0.1'))] }],
    });
    accountId = added[0]?.id ?? '';
  });
  afterAll(async () => {
    await h?.close();
    await lab?.close();
  });

  /** What the lab's fighting script saw, in order: fill (untrusted input), user (trusted input), clear, rerender. */
  async function pageLog(page: Page): Promise<string[]> {
    return page.$eval('main', (el) => ((el as HTMLElement).dataset.log ?? '').split(' ').filter(Boolean));
  }

  /**
   * Keyfob never hands an origin the same step's code twice, so a refill (or the re-rendered field's fill) may come
   * with the next code, up to one 30 s step later.
   */
  async function waitForLog(page: Page, entries: string): Promise<void> {
    await page.waitForFunction((want: string) => (document.querySelector('main')?.dataset.log ?? '') === want, { timeout: 45_000 }, entries);
  }

  /** The input three shadow roots deep on the deep-shadow pages. */
  function deepInput(page: Page, name: string): Promise<boolean> {
    return page.waitForFunction((n: string) => !!document.querySelector('lab-deep-1')?.shadowRoot?.querySelector('lab-deep-2')?.shadowRoot
      ?.querySelector('lab-deep-3')?.shadowRoot?.querySelector(`input[name="${n}"]`), { timeout: 15_000 }, name).then(() => true);
  }

  const deepValue = (page: Page, name: string) => page.evaluate((n: string) => (document.querySelector('lab-deep-1')?.shadowRoot
    ?.querySelector('lab-deep-2')?.shadowRoot?.querySelector('lab-deep-3')?.shadowRoot?.querySelector<HTMLInputElement>(`input[name="${n}"]`))?.value, name);

  async function submitAndExpectAccepted(page: Page, button = 'button[type="submit"]'): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(button)]);
    expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('accepted');
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('fills once more, with a code the site accepts, a field the page script empties a second after the fill', async () => {
    const page = await h.newPage(on('/challenge/cleared'));
    await waitForLog(page, 'fill clear fill');
    await waitForCode(page, 'input[name="code"]');
    // One retry only: nothing more arrives after the guard's last read-back.
    await sleep(AFTER_GUARD_MS);
    expect(await pageLog(page)).toEqual(['fill', 'clear', 'fill']);
    await submitAndExpectAccepted(page);
    await page.close();
  });

  it('refills at most once when the page keeps emptying the field', async () => {
    const page = await h.newPage(on('/challenge/cleared-always'));
    await waitForLog(page, 'fill clear fill clear');
    await sleep(AFTER_GUARD_MS);
    expect(await pageLog(page)).toEqual(['fill', 'clear', 'fill', 'clear']);
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    await page.close();
  });

  it('never refills a field the user typed into, even when the page script empties it afterwards', async () => {
    const page = await h.newPage(on('/challenge/cleared'));
    await waitForCode(page, 'input[name="code"]');
    // The user takes over: selects Keyfob's code and types their own digit (trusted input events).
    await page.$eval('input[name="code"]', (el) => { (el as HTMLInputElement).focus(); (el as HTMLInputElement).select(); });
    await page.keyboard.type('4');
    await waitForLog(page, 'fill user clear');
    await sleep(AFTER_GUARD_MS);
    // The order proves the case: Keyfob filled, then the user typed, then the script emptied it; no fill after that.
    expect(await pageLog(page)).toEqual(['fill', 'user', 'clear']);
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');
    await page.close();
  });

  it('fills the fresh field when the page re-renders the filled one, and the site accepts the code', async () => {
    const page = await h.newPage(on('/challenge/rerendered'));
    await waitForLog(page, 'fill rerender fill');
    await waitForCode(page, 'input[name="code"]');
    await sleep(AFTER_GUARD_MS);
    expect(await pageLog(page)).toEqual(['fill', 'rerender', 'fill']);
    await submitAndExpectAccepted(page);
    await page.close();
  });

  it.each(['deep-shadow', 'deep-shadow-busy'])('fills a code field three shadow hosts deep whose roots are filled one after another, late (%s)', async (variant) => {
    const page = await h.newPage(on(`/challenge/${variant}`));
    await deepInput(page, 'code');
    await page.waitForFunction(() => {
      const input = document.querySelector('lab-deep-1')?.shadowRoot?.querySelector('lab-deep-2')?.shadowRoot
        ?.querySelector('lab-deep-3')?.shadowRoot?.querySelector('input');
      return !!input && /^\d{6}$/.test(input.value);
    }, { timeout: 15_000 });
    await submitAndExpectAccepted(page, 'lab-deep-1 >>> lab-deep-2 >>> lab-deep-3 >>> button');
    await page.close();
  });

  it('leaves alone a numeric postal-code field equally deep and late', async () => {
    const page = await h.newPage(on('/negative/deep-postal'));
    await deepInput(page, 'postal_code');
    // Let the content script see it: it answers the ping, the worker is awake, and a watcher check has passed.
    await askContentScript(await h.worker(), page, 'contentPing');
    await callFromExtension(ext, 'getStatus', {});
    await sleep(1_500);
    expect(await deepValue(page, 'postal_code')).toBe('');
    expect(await page.$(KEYFOB_HOST)).toBeNull();
    // The same depth and timing with a code field is filled (the test above): here only the field's meaning differs.
    await page.close();
  });
});

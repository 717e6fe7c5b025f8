// Hole 3 (in-page UI) and part of hole 11, attacked in real Chromium: a hostile page restyles, rewrites, covers,
// moves and scripts Keyfob's key button, and tries to read its state; each attack fills nothing, the user's click still does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { generateCode, type OtpAccount } from '../../../src/shared/index.ts';
import { launchWithExtension, type Harness } from '../harness.ts';
import { serveStatic, type StaticServer } from '../static-server.ts';
import { bindingFor, callFromExtension, forgetFilledSteps, MASTER_PASSWORD, vaultWith } from '../autofill-setup.ts';
import { clickKeyfobButton, KEYFOB_HOST, keyfobButtonLabel, keyfobHost, steadyBox } from './inline-ui-driver.ts';

const account: OtpAccount = {
  type: 'totp', issuer: 'Inline Bank', account: 'alice@bank.test', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
};

/** A sign-in challenge; `head` and `body` add the attacker's CSS and markup. Every click the page sees is logged. */
function challenge(head = '', body = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Verify</title>
<style>body { font: 16px sans-serif; margin: 40px; } input { width: 240px; height: 34px; font-size: 18px; }</style>${head}</head>
<body><h1>Two-step verification</h1>
<form method="post" action="/done"><label>Code <input name="code" autocomplete="one-time-code" inputmode="numeric"></label>
<button type="submit">Verify</button></form>${body}
<script>
  window.clicksSeen = [];
  // The attacker's view of a click: on an element of its own under <html> (where extensions draw), or on the page.
  const where = (el) => (el.parentNode === document.documentElement && el !== document.head && el !== document.body ? 'host' : el.localName);
  document.addEventListener('click', (e) => clicksSeen.push({ target: where(e.target), trusted: e.isTrusted }), true);
</script></body></html>`;
}

const HIDDEN_FULL_PAGE = 'position:fixed !important; inset:0 !important; width:100vw !important; height:100vh !important;'
  + ' opacity:0 !important; z-index:2147483647 !important';

const PAGES: Record<string, string> = {
  '/plain': challenge(),
  '/restyled': challenge(`<style>${KEYFOB_HOST} { ${HIDDEN_FULL_PAGE} }</style>`),
  '/rewritten': challenge(),
  '/decoy': challenge('', '<div id="decoy" popover="manual" style="margin:0;padding:0;border:0;background:#2a2;color:#fff;'
    + 'font:bold 11px sans-serif;pointer-events:none">WIN</div>'),
  '/scrolling': challenge('<style>body { height: 3000px; } form { margin-top: 300px; }</style>'),
  '/blinking': challenge(),
  '/synthetic': challenge(),
  '/state': challenge(),
};

describe('the in-page key button against a hostile page', () => {
  let h: Harness;
  let site: StaticServer;
  let ext: Page;

  beforeAll(async () => {
    site = await serveStatic(PAGES);
    h = await launchWithExtension();
    ({ ext } = await vaultWith(h, account, [bindingFor(site.url)]));
    await callFromExtension(ext, 'updateSettings', { patch: { autofillMode: 'on-click' } });
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  const codeField = (page: Page) => page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value);

  /** Gives a refused click the time an accepted one takes to fill (a background round trip), then reads the field. */
  async function fieldAfterAWhile(page: Page): Promise<string> {
    await new Promise((r) => setTimeout(r, 1_500));
    return codeField(page);
  }

  /** The user's own click fills the current code (or the one of the step that just ended). */
  async function expectUserClickFills(page: Page): Promise<void> {
    await clickKeyfobButton(page, 'input[name="code"]');
    const filled = await page.waitForFunction(() => {
      const value = document.querySelector<HTMLInputElement>('input[name="code"]')?.value ?? '';
      return /^\d{6}$/.test(value) ? { value, at: Date.now() } : null;
    }, { polling: 50, timeout: 15_000 });
    const { value, at } = (await filled.jsonValue()) as { value: string; at: number };
    expect([await generateCode(account, at), await generateCode(account, at - 30_000)]).toContain(value);
  }

  /** Trusted clicks the page saw landing on Keyfob's host. */
  const clicksOnHost = (page: Page) => page.evaluate(() =>
    (window as unknown as { clicksSeen: { target: string; trusted: boolean }[] }).clicksSeen
      .filter((c) => c.target === 'host' && c.trusted).length);

  it('keeps its place and size against page CSS that makes it a see-through full-page target', async () => {
    const page = await h.newPage(`${site.url}/restyled`);
    const host = await keyfobHost(page, 'input[name="code"]');
    const box = await steadyBox(host);
    const field = await (await page.$('input[name="code"]'))?.boundingBox();
    if (!field) throw new Error('no field');
    // 16–24 px square, inside the right edge of the field, fully opaque: the page's !important rules lost.
    expect(box.width).toBe(box.height);
    expect(box.width).toBeGreaterThanOrEqual(16);
    expect(box.width).toBeLessThanOrEqual(24);
    expect(box.x + box.width).toBeLessThanOrEqual(field.x + field.width);
    expect(box.x + box.width).toBeGreaterThan(field.x + field.width - 12);
    expect(box.y).toBeGreaterThanOrEqual(field.y);
    expect(box.y + box.height).toBeLessThanOrEqual(field.y + field.height);
    expect(await host.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    // A click anywhere else on the page is the page's.
    await page.mouse.click(600, 500);
    await page.mouse.click(10, 10);
    expect(await clicksOnHost(page)).toBe(0);
    expect(await fieldAfterAWhile(page)).toBe('');
    await expectUserClickFills(page);
    await page.close();
  });

  it('refuses clicks while a page script keeps rewriting its style into a see-through full-page target', async () => {
    const page = await h.newPage(`${site.url}/rewritten`);
    const box = await steadyBox(await keyfobHost(page, 'input[name="code"]'));
    // The page rewrites the style attribute, and again each time Keyfob puts it back.
    await page.evaluate((css: string, selector: string) => {
      const host = document.querySelector(selector) as HTMLElement;
      const hijack = () => { if (host.getAttribute('style') !== css) host.setAttribute('style', css); };
      const observer = new MutationObserver(hijack);
      observer.observe(host, { attributes: true });
      hijack();
      (window as unknown as { stopAttack: () => void }).stopAttack = () => observer.disconnect();
    }, HIDDEN_FULL_PAGE, KEYFOB_HOST);
    await page.mouse.click(600, 500);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.click(10, 10);
    expect(await clicksOnHost(page)).toBeGreaterThan(0);
    expect(await fieldAfterAWhile(page)).toBe('');
    await page.evaluate(() => (window as unknown as { stopAttack: () => void }).stopAttack());
    await expectUserClickFills(page);
    await page.close();
  });

  it('refuses a click on the button while a top-layer decoy that lets clicks through is drawn over it', async () => {
    const page = await h.newPage(`${site.url}/decoy`);
    const box = await steadyBox(await keyfobHost(page, 'input[name="code"]'));
    await page.evaluate((b: { x: number; y: number; width: number; height: number }) => {
      const decoy = document.getElementById('decoy') as HTMLElement;
      Object.assign(decoy.style, { position: 'fixed', inset: 'auto', left: `${b.x - 2}px`, top: `${b.y - 2}px`,
        width: `${b.width + 4}px`, height: `${b.height + 4}px` });
      decoy.showPopover();
    }, box);
    // Long enough for the button to count as steady if nothing were drawn over it.
    await new Promise((r) => setTimeout(r, 1_000));
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await clicksOnHost(page)).toBe(1); // the decoy let the click through to Keyfob's button
    expect(await fieldAfterAWhile(page)).toBe('');
    await page.evaluate(() => (document.getElementById('decoy') as HTMLElement).hidePopover());
    await expectUserClickFills(page);
    await page.close();
  });

  /** Clicks at one point until the page has seen `wanted` trusted clicks land on Keyfob's host. */
  async function clickUntilOnHost(page: Page, x: number, y: number, wanted = 3): Promise<void> {
    for (let attempt = 0; attempt < 40 && (await clicksOnHost(page)) < wanted; attempt++) {
      await page.mouse.click(x, y);
      await new Promise((r) => setTimeout(r, 70));
    }
    expect(await clicksOnHost(page)).toBeGreaterThanOrEqual(wanted);
  }

  it('refuses a click on a button that the page keeps scrolling under the cursor', async () => {
    const page = await h.newPage(`${site.url}/scrolling`);
    await steadyBox(await keyfobHost(page, 'input[name="code"]'));
    await page.evaluate(() => window.scrollTo(0, 120));
    const target = await steadyBox(await keyfobHost(page, 'input[name="code"]'), 300);
    // The page scrolls back and forth every 150 ms: the button is under the cursor half of the time, never for long.
    await page.evaluate(() => {
      let flip = false;
      const timer = setInterval(() => { flip = !flip; window.scrollTo(0, flip ? 0 : 120); }, 150);
      (window as unknown as { stopAttack: () => void }).stopAttack = () => { clearInterval(timer); window.scrollTo(0, 120); };
    });
    await new Promise((r) => setTimeout(r, 600)); // the attack is under way: the button last stood still long ago
    await clickUntilOnHost(page, target.x + target.width / 2, target.y + target.height / 2);
    expect(await fieldAfterAWhile(page)).toBe('');
    await page.evaluate(() => (window as unknown as { stopAttack: () => void }).stopAttack());
    await expectUserClickFills(page);
    await page.close();
  });

  it('refuses a click on a button that keeps appearing under the cursor', async () => {
    const page = await h.newPage(`${site.url}/blinking`);
    const box = await steadyBox(await keyfobHost(page, 'input[name="code"]'));
    // The field (and so the button) is shown and hidden every 150 ms.
    await page.evaluate(() => {
      const field = document.querySelector('input[name="code"]') as HTMLInputElement;
      const timer = setInterval(() => { field.hidden = !field.hidden; }, 150);
      (window as unknown as { stopAttack: () => void }).stopAttack = () => { clearInterval(timer); field.hidden = false; };
    });
    await new Promise((r) => setTimeout(r, 600)); // the attack is under way: the button last stood still long ago
    await clickUntilOnHost(page, box.x + box.width / 2, box.y + box.height / 2);
    expect(await fieldAfterAWhile(page)).toBe('');
    await page.evaluate(() => (window as unknown as { stopAttack: () => void }).stopAttack());
    await expectUserClickFills(page);
    await page.close();
  });

  it('ignores clicks a page script makes on the button', async () => {
    const page = await h.newPage(`${site.url}/synthetic`);
    const box = await steadyBox(await keyfobHost(page, 'input[name="code"]'));
    const reached = await page.evaluate((x: number, y: number, selector: string) => {
      const host = document.querySelector(selector) as HTMLElement;
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }));
      const hit = document.elementFromPoint(x, y) as HTMLElement;
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
        hit.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
      }
      hit.click();
      return hit === host ? 'host' : hit.localName;
    }, box.x + box.width / 2, box.y + box.height / 2, KEYFOB_HOST);
    expect(reached).toBe('host');
    expect(await fieldAfterAWhile(page)).toBe('');
    await expectUserClickFills(page);
    await page.close();
  });

  /** Everything the page can read about Keyfob's host. */
  const pageView = (page: Page) => page.evaluate((selector: string) => {
    const hosts = Array.from(document.querySelectorAll(selector));
    return hosts.map((host) => ({
      shadowRootIsNull: host.shadowRoot === null,
      attributes: host.getAttributeNames().map((n) => `${n}=${host.getAttribute(n)}`),
      text: host.textContent,
      html: host.innerHTML + host.getHTML({ serializableShadowRoots: true }),
      children: host.childNodes.length,
      pageText: document.documentElement.innerText.includes('Keyfob'),
      // The tag is made afresh per document: nothing in it names Keyfob.
      namesKeyfob: /keyfob/i.test(host.localName),
    }));
  }, KEYFOB_HOST);

  it('tells the page nothing: a closed root, no label and the same host whether the vault is locked or unlocked', async () => {
    // Locked, in Automatic mode: the field gets the button that leads to unlocking.
    await callFromExtension(ext, 'updateSettings', { patch: { autofillMode: 'automatic' } });
    await callFromExtension(ext, 'lock', {});
    let locked: Awaited<ReturnType<typeof pageView>>;
    let lockedLabel: string | null;
    try {
      const page = await h.newPage(`${site.url}/state`);
      await steadyBox(await keyfobHost(page, 'input[name="code"]'));
      locked = await pageView(page);
      lockedLabel = await keyfobButtonLabel(page, 'input[name="code"]');
      await page.close();
    } finally {
      await callFromExtension(ext, 'unlock', { password: MASTER_PASSWORD });
      await callFromExtension(ext, 'updateSettings', { patch: { autofillMode: 'on-click' } });
    }
    // Unlocked, in On-click mode: the button that fills.
    const page = await h.newPage(`${site.url}/state`);
    await steadyBox(await keyfobHost(page, 'input[name="code"]'));
    const unlocked = await pageView(page);
    const unlockedLabel = await keyfobButtonLabel(page, 'input[name="code"]');

    expect(unlocked).toHaveLength(1);
    expect(unlocked[0]).toMatchObject({ shadowRootIsNull: true, text: '', html: '', children: 0, pageText: false });
    expect(unlocked[0]?.attributes.map((a) => a.split('=')[0])).toEqual(['style']);
    expect(locked).toEqual(unlocked);
    // The label exists, but only in the closed root, where Chromium's accessibility tree (not the page) reads it.
    expect(lockedLabel).toMatch(/Keyfob/);
    expect(unlockedLabel).toMatch(/Keyfob/);
    expect(JSON.stringify(unlocked)).not.toContain(unlockedLabel);
    // Puppeteer's ARIA selector also works from the accessibility tree, so tests (never pages) can find it by name.
    expect(await page.$(`::-p-aria([name="${unlockedLabel ?? ''}"][role="button"])`)).not.toBeNull();
    await expectUserClickFills(page);
    await page.close();
  });
});

// Issue 24: Keyfob's in-page messages never cover the page's own controls. On lab pages built to crowd the field
// (a button beside it, a "remember this device" checkbox and links right below it, a narrow mobile-width layout,
// right-to-left text) and on a recovery-code page with Download and Copy right below the codes, every control's centre
// still reaches that control while "Next code in N s" or "Save these recovery codes in Keyfob" is shown; Esc closes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from './harness.ts';
import { forgetFilledSteps, vaultWith, waitForCode } from './autofill-setup.ts';
import { totp } from './popup-driver.ts';
import { KEYFOB_HOST, keyfobControlText } from './attacks/inline-ui-driver.ts';
import { startAttackSites, type AttackSites } from './attacks/sites.ts';
import { blockedControls } from './page-controls.ts';

const account = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');

/** A challenge crowded with controls around the field, as real sign-in pages are. */
function crowdedChallenge(dir: 'ltr' | 'rtl'): string {
  return `<!doctype html><html dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Verify</title><style>body { font: 15px sans-serif; margin: 12px; } input[name=code] { width: 70%; height: 32px; }
.row { display: flex; gap: 4px; align-items: center; } p, label { margin: 2px 0; }</style></head><body>
<h1>Two-step verification</h1><a href="#help">Need help?</a>
<form method="post"><div class="row"><input name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6"
aria-label="Authentication code"><button type="submit">Verify</button></div>
<label><input type="checkbox" name="remember"> Remember this device for 30 days</label>
<p><a href="#recovery">Use a recovery code</a> · <a href="#other">Try another way</a></p>
<p><button type="button">Cancel</button></p></form></body></html>`;
}

const RECOVERY_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Recovery codes</title>
<style>body { font: 15px sans-serif; margin: 12px; } ul { margin: 0; } .row { display: flex; gap: 4px; }</style></head>
<body><main><h2>Your recovery codes</h2><p>Keep them somewhere safe. <a href="#why">Why?</a></p>
<ul><li><code>3F8A-K29D</code></li><li><code>7QWE-4P2M</code></li><li><code>9ZXC-8V1B</code></li><li><code>2RTY-6N5H</code></li>
<li><code>5UIO-3L7J</code></li><li><code>8ASD-1F4G</code></li></ul>
<div class="row"><button type="button">Download</button><button type="button">Copy</button><button type="button">Print</button></div>
<p><a href="#done">I have saved them</a></p></main></body></html>`;

describe('Keyfob\'s in-page messages leave the page\'s controls usable', () => {
  let sites: AttackSites;
  let h: Harness;
  let bank: string;

  beforeAll(async () => {
    sites = await startAttackSites({
      'https://bank.test /ltr': crowdedChallenge('ltr'),
      'https://bank.test /rtl': crowdedChallenge('rtl'),
      'https://bank.test /codes': RECOVERY_PAGE,
    });
    bank = sites.origin('https://bank.test');
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    await vaultWith(h, account, [bank]);
  });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  /** Opens `path` a second time in one step, so Keyfob shows "Next code in N s" instead of the code just filled. */
  async function waitingChallenge(path: string, viewport?: { width: number; height: number }): Promise<Page> {
    await forgetFilledSteps(h);
    // Far enough from a step's end that the second page still falls in the same step.
    while (30_000 - (Date.now() % 30_000) < 8_000) await new Promise((r) => setTimeout(r, 200));
    const first = await h.newPage(`${bank}${path}`);
    await waitForCode(first, 'input[name="code"]');
    await first.close();
    const page = await h.browser.newPage();
    if (viewport) await page.setViewport(viewport);
    await page.goto(`${bank}${path}`);
    expect(await keyfobControlText(page)).toMatch(/Next code in \d+ s/);
    return page;
  }

  for (const [what, path, viewport] of [
    ['a crowded desktop page', '/ltr', undefined],
    ['a narrow mobile-width page', '/ltr', { width: 360, height: 640 }],
    ['a right-to-left page', '/rtl', undefined],
  ] as const) {
    it(`"Next code in N s" on ${what} covers no control, and Esc closes it`, async () => {
      const page = await waitingChallenge(path, viewport);
      // Give the chip a moment to settle where it stays (it is placed again as the layout settles).
      await new Promise((r) => setTimeout(r, 400));
      expect(await blockedControls(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.waitForFunction((sel: string) => document.querySelector(sel) === null, {}, KEYFOB_HOST);
      await page.close();
    });
  }

  it('"Save these recovery codes in Keyfob" covers neither Download, Copy nor Print, and Esc closes it', async () => {
    const page = await h.newPage(`${bank}/codes`);
    expect(await keyfobControlText(page)).toContain('Save these recovery codes in Keyfob');
    await new Promise((r) => setTimeout(r, 400));
    expect(await blockedControls(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForFunction((sel: string) => document.querySelector(sel) === null, {}, KEYFOB_HOST);
    await page.close();
  });
});

// Issue 21: every frame from the top page down to the field counts, not only the top page. The bank framed by another
// site inside the bank's own page (bank → evil → bank) is not filled on sight; the bank's own same-origin frame, made
// with the page, is filled every time (the load-order race is gone); and a framing page that moves the bank's frame
// under the resting pointer just before the click does not get that click counted, while a click on a frame that
// stood still does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from '../harness.ts';
import { forgetFilledSteps, vaultWith, waitForCode } from '../autofill-setup.ts';
import { tabIdOf } from '../keyfob-window.ts';
import { totp } from '../popup-driver.ts';
import { clickKeyfobButton, KEYFOB_HOST, keyfobHost, steadyBox } from './inline-ui-driver.ts';
import { fieldValue, frameOnOrigin, isCodeOf, leakedValues, leakyChallengePage, pendingFillOf } from './autofill-attack-kit.ts';
import { framingPage, startAttackSites, type AttackSites } from './sites.ts';

const account = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');

describe('frames: every ancestor counts, and the click guard sees the frame move', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let bank: string;
  let evil: string;

  beforeAll(async () => {
    sites = await startAttackSites({ '* /challenge': leakyChallengePage() });
    bank = sites.origin('https://bank.test');
    evil = sites.origin('https://evil.test');
    sites.page('*', '/frame-bank', framingPage([{ src: `${bank}/challenge` }], 'Bank with its own frame'));
    // bank → evil → bank: the evil page in the middle frames the bank's challenge.
    sites.page('https://evil.test', '/middle', framingPage([{ src: `${bank}/challenge` }], 'Evil in the middle'));
    sites.page('https://bank.test', '/outer', framingPage([{ src: `${evil}/middle`, opts: { width: 700, height: 400 } }], 'Bank outside'));
    // The bank's challenge in a frame the page can move, far from a "WIN" button under which the pointer rests.
    sites.page('https://evil.test', '/moving', `<!doctype html><title>Win a prize</title>
<style>body { margin: 0; } #win { position: absolute; left: 40px; top: 40px; width: 120px; height: 40px; }
iframe { position: absolute; left: 500px; top: 300px; border: 0; }</style>
<button id="win">WIN</button>
<iframe id="bank" src="${bank}/challenge" width="420" height="160"></iframe>`);
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    ({ ext } = await vaultWith(h, account, [bank]));
  });
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  it('legit: the bank\'s own same-origin frame, made with the page, is filled every time (4 loads)', async () => {
    for (let load = 0; load < 4; load++) {
      await forgetFilledSteps(h);
      const page = await h.newPage(`${bank}/frame-bank`);
      const frame = await frameOnOrigin(page, bank);
      await waitForCode(frame, 'input[name="code"]');
      expect(await isCodeOf(account, await fieldValue(frame)), `load ${load + 1}`).toBe(true);
      await page.close();
    }
  });

  it('bank → evil → bank: the inner bank frame is not filled on sight, and the user\'s click on the key button fills it', async () => {
    const leakedBefore = leakedValues(sites, bank).length;
    const page = await h.newPage(`${bank}/outer`);
    const middle = await frameOnOrigin(page, evil);
    const inner = middle.childFrames()[0] ?? await (async () => {
      for (let i = 0; i < 100 && middle.childFrames().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      return middle.childFrames()[0];
    })();
    if (!inner) throw new Error('the inner bank frame did not load');
    // The key button shows once Keyfob has made its automatic decision: no code, nothing waiting.
    await keyfobHost(inner, 'input[name="code"]');
    expect(await fieldValue(inner)).toBe('');
    expect(await pendingFillOf(ext, await tabIdOf(h, page))).toBeNull();
    expect(leakedValues(sites, bank).slice(leakedBefore).filter((v) => v !== '')).toEqual([]);
    // The user's own click, on a frame that stood still, fills it.
    await clickKeyfobButton(inner, 'input[name="code"]');
    await waitForCode(inner, 'input[name="code"]');
    expect(await isCodeOf(account, await fieldValue(inner))).toBe(true);
    await page.close();
  });

  it('a frame moved under the resting pointer just before the click gets nothing; the same click on a still frame fills', async () => {
    const page = await h.newPage(`${evil}/moving`);
    const frame = await frameOnOrigin(page, bank);
    const key = await steadyBox(await keyfobHost(frame, 'input[name="code"]'));
    const win = await (await page.$('#win'))?.boundingBox();
    if (!win) throw new Error('no WIN button');
    const x = win.x + win.width / 2;
    const y = win.y + win.height / 2;
    // The user rests the pointer on WIN, as the page asked.
    await page.mouse.move(x, y);
    await new Promise((r) => setTimeout(r, 1200));
    // Just before the click, the page moves the bank's frame so that Keyfob's button is under the pointer.
    const [dx, dy] = [x - (key.x + key.width / 2), y - (key.y + key.height / 2)];
    await page.evaluate((mx: number, my: number) => {
      const f = document.getElementById('bank') as HTMLIFrameElement;
      f.style.left = `${f.offsetLeft + mx}px`;
      f.style.top = `${f.offsetTop + my}px`;
    }, dx, dy);
    // The click lands on Keyfob's button: the top page hits the frame there, and the frame hits Keyfob's host.
    const moved = await (await page.$('#bank'))?.boundingBox();
    if (!moved) throw new Error('the frame is not rendered');
    expect(await page.evaluate((px: number, py: number) => document.elementFromPoint(px, py)?.id, x, y)).toBe('bank');
    expect(await frame.evaluate((px: number, py: number, sel: string) => document.elementFromPoint(px, py) === document.querySelector(sel),
      x - moved.x, y - moved.y, KEYFOB_HOST)).toBe(true);
    await page.mouse.click(x, y);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await fieldValue(frame)).toBe('');

    // The frame now stands where it is: the user's click, after resting on the button, counts.
    await clickKeyfobButton(frame, 'input[name="code"]');
    await waitForCode(frame, 'input[name="code"]');
    expect(await isCodeOf(account, await fieldValue(frame))).toBe(true);
    await page.close();
  });
});

// Hole 14: the bank's page framed by another site (which could overlay and steer clicks) is never filled on sight:
// it gets the key button and a fill needs the user's click on it; Keyfob's chooser says plainly that a frame asks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from '../harness.ts';
import { forgetFilledSteps, vaultWith, waitForCode } from '../autofill-setup.ts';
import { nextKeyfobPage, tabIdOf } from '../keyfob-window.ts';
import { totp } from '../popup-driver.ts';
import { clickKeyfobButton, keyfobHost } from './inline-ui-driver.ts';
import {
  fieldValue, frameOnOrigin, isCodeOf, leakedValues, leakyChallengePage, pendingFillOf, requestsWithCodes, sendToAllFrames,
} from './autofill-attack-kit.ts';
import { framingPage, startAttackSites, type AttackSites } from './sites.ts';

const account = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');

describe('a bound page framed by another site is filled only on the user\'s click', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let bank: string;
  let evil: string;

  beforeAll(async () => {
    sites = await startAttackSites({ '* /challenge': leakyChallengePage() });
    bank = sites.origin('https://bank.test');
    evil = sites.origin('https://evil.test');
    // The same framing page on the attacker's site and on the bank's own.
    sites.page('*', '/frame-bank', framingPage([{ src: `${bank}/challenge`, opts: { id: 'f' } }], 'Framing page'));
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    ({ ext } = await vaultWith(h, account, [bank]));
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  it('legit: framed by the bank\'s own page, the challenge is filled automatically', async () => {
    const page = await h.newPage(`${bank}/frame-bank`);
    const frame = await frameOnOrigin(page, bank);
    await waitForCode(frame, 'input[name="code"]');
    expect(await isCodeOf(account, await fieldValue(frame))).toBe(true);
    await page.close();
  });

  it('framed by evil.test: the key button shows, nothing is filled or waiting, and the user\'s click on it fills', async () => {
    const leakedBefore = leakedValues(sites, bank).length;
    const page = await h.newPage(`${evil}/frame-bank`);
    const frame = await frameOnOrigin(page, bank);
    // The button shows once Keyfob has made its automatic decision: no code.
    await keyfobHost(frame, 'input[name="code"]');
    expect(await fieldValue(frame)).toBe('');
    const tabId = await tabIdOf(h, page);
    expect(await pendingFillOf(ext, tabId)).toBeNull();
    // Not even the bank's own page in the frame saw a code on load.
    expect(leakedValues(sites, bank).slice(leakedBefore).filter((v) => v !== '')).toEqual([]);

    await frame.$eval('input[name="code"]', (el) => el.scrollIntoView({ block: 'center' }));
    await clickKeyfobButton(frame, 'input[name="code"]');
    await waitForCode(frame, 'input[name="code"]');
    expect(await isCodeOf(account, await fieldValue(frame))).toBe(true);
    expect(requestsWithCodes(sites, 'evil.test')).toEqual([]);
    await page.close();
  });

  it('the shortcut in the framed field opens Keyfob\'s chooser, which names the frame and the page framing it', async () => {
    const page = await h.newPage(`${evil}/frame-bank`);
    const frame = await frameOnOrigin(page, bank);
    await keyfobHost(frame, 'input[name="code"]');
    const tabId = await tabIdOf(h, page);
    // The user clicks into the framed field (clear of Keyfob's button) and presses the shortcut.
    const box = await (await frame.$('input[name="code"]'))?.boundingBox();
    if (!box) throw new Error('the field is not rendered');
    await page.mouse.click(box.x + 8, box.y + box.height / 2);
    expect(await frame.evaluate(() => document.hasFocus())).toBe(true);

    const opened = nextKeyfobPage(h);
    expect(await sendToAllFrames(h, tabId, { trigger: 'command' })).toEqual({ ok: true, value: { filled: false } });
    const keyfob = await opened;
    expect(await pendingFillOf(ext, tabId)).toMatchObject({ origin: bank, topOrigin: evil, frame: 'cross-origin' });
    const warning = await keyfob.waitForSelector('[data-testid="frame-warning"]', { timeout: 10_000 });
    const text = await warning?.evaluate((el) => el.textContent ?? '');
    expect(text).toContain(`An embedded frame from ${bank}`);
    expect(text).toContain(evil);
    // Nothing is filled until the user picks the account there.
    expect(await fieldValue(frame)).toBe('');
    await keyfob.close();
    await page.close();
  });
});

// Hole 4: a sandboxed document has an opaque origin and is no site, even when its URL is on the bound origin: it is
// never filled, never gets a waiting fill, and a click or shortcut in it opens nothing; the same frame unsandboxed is.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from '../harness.ts';
import { forgetFilledSteps, vaultWith, waitForCode } from '../autofill-setup.ts';
import { tabIdOf } from '../keyfob-window.ts';
import { totp } from '../popup-driver.ts';
import { clickKeyfobButton, keyfobHost } from './inline-ui-driver.ts';
import {
  childFrame, fieldValue, isCodeOf, keyfobTargets, leakedValues, leakyChallengePage, pendingFillOf, sendToAllFrames, storedPendingFills, waitForLeak,
} from './autofill-attack-kit.ts';
import { framingPage, startAttackSites, type AttackSites } from './sites.ts';

const account = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');
const SANDBOX = 'allow-scripts allow-forms';

/** The framed challenge, whatever its (possibly opaque) origin. */
const hasCodeField = async (frame: Frame) => (await frame.$('input[name="code"]').catch(() => null)) !== null;

/** The challenge page's HTML as a srcdoc attribute value. */
function srcdocOf(html: string): string {
  return html.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

describe('a sandboxed frame is no site, whatever its URL', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let bank: string;

  beforeAll(async () => {
    sites = await startAttackSites({ '* /challenge': leakyChallengePage() });
    bank = sites.origin('https://bank.test');
    const challenge = `${bank}/challenge`;
    sites.page('https://bank.test', '/plain', framingPage([{ src: challenge, opts: { id: 'f' } }], 'Bank'));
    sites.page('https://bank.test', '/sandboxed', framingPage([{ src: challenge, opts: { id: 'f', sandbox: SANDBOX } }], 'Bank'));
    const html = leakyChallengePage()({} as never) as string;
    sites.page('https://bank.test', '/sandboxed-srcdoc',
      `<!doctype html><title>Bank</title><iframe id="f" sandbox="${SANDBOX}" width="600" height="300" srcdoc="${srcdocOf(html)}"></iframe>`);
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    ({ ext } = await vaultWith(h, account, [bank]));
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  /** A user's click at the left end of the frame's code field (clear of Keyfob's button at its right end). */
  async function focusByClick(page: Page, frame: Frame): Promise<void> {
    const box = await (await frame.$('input[name="code"]'))?.boundingBox();
    if (!box) throw new Error('the field is not rendered');
    await page.mouse.click(box.x + 8, box.y + box.height / 2);
  }

  it('legit: the same challenge framed without a sandbox, on the bound origin, is filled automatically', async () => {
    const page = await h.newPage(`${bank}/plain`);
    const frame = await childFrame(page, hasCodeField);
    await waitForCode(frame, 'input[name="code"]');
    const code = await fieldValue(frame);
    expect(await isCodeOf(account, code)).toBe(true);
    await waitForLeak(sites, 'bank.test', code);
    await page.close();
  });

  for (const path of ['/sandboxed', '/sandboxed-srcdoc']) {
    it(`${path}: nothing is filled or kept waiting, and the user's click or shortcut in it opens nothing`, async () => {
      const leakedBefore = leakedValues(sites, 'bank.test').length;
      const windowsBefore = keyfobTargets(h);
      const page = await h.newPage(`${bank}${path}`);
      const frame = await childFrame(page, hasCodeField);
      // The frame's document really has an opaque origin, and Keyfob's content script runs in it (its button shows).
      expect(await frame.evaluate(() => self.origin)).toBe('null');
      await keyfobHost(frame, 'input[name="code"]');
      expect(await fieldValue(frame)).toBe('');
      const tabId = await tabIdOf(h, page);
      expect(await pendingFillOf(ext, tabId)).toBeNull();

      // The user clicks Keyfob's button in the frame, then clicks into the field and presses the shortcut, which
      // every frame hears and only the focused one (this frame) answers.
      await clickKeyfobButton(frame, 'input[name="code"]');
      await focusByClick(page, frame);
      expect(await frame.evaluate(() => document.hasFocus())).toBe(true);
      expect(await sendToAllFrames(h, tabId, { trigger: 'command' })).toEqual({ ok: true, value: { filled: false } });
      expect(await fieldValue(frame)).toBe('');
      expect(await pendingFillOf(ext, tabId)).toBeNull();
      expect((await storedPendingFills(h)).filter((p) => p.tabId === tabId || p.origin === 'null')).toEqual([]);
      expect([...keyfobTargets(h)].filter((t) => !windowsBefore.has(t))).toEqual([]);
      expect(leakedValues(sites, 'bank.test').slice(leakedBefore).filter((v) => v !== '')).toEqual([]);
      await page.close();
    });
  }
});

// Hole 5: the shortcut acts only in the focused frame of the active tab, and an unlock never opens Keyfob's chooser:
// an embedded cross-site frame or a background tab cannot raise a choice or get a code through them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from '../harness.ts';
import { callFromExtension, forgetFilledSteps, MASTER_PASSWORD, vaultWith, waitForCode } from '../autofill-setup.ts';
import { tabIdOf } from '../keyfob-window.ts';
import { totp } from '../popup-driver.ts';
import { keyfobHost } from './inline-ui-driver.ts';
import {
  fieldValue, frameOnOrigin, isCodeOf, keyfobTargets, leakyChallengePage, pendingFillOf, requestsWithCodes, sendToAllFrames, storedPendingFills,
} from './autofill-attack-kit.ts';
import { challengeForm, frameTag, startAttackSites, type AttackSites } from './sites.ts';

const bankAccount = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');
const twinA = totp('Twin', 'one', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
const twinB = totp('Twin', 'two', 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK');

describe('the shortcut and the unlock reach only what the user is looking at', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let bank: string;

  beforeAll(async () => {
    sites = await startAttackSites({ '* /challenge': leakyChallengePage() });
    bank = sites.origin('https://bank.test');
    sites.page('https://bank.test', '/with-frame', `<!doctype html><title>Bank</title>${challengeForm()}
${frameTag(sites.url('https://evil.test', '/challenge'), { id: 'f' })}`);
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    ({ ext } = await vaultWith(h, bankAccount, [bank]));
    // Two accounts bound to one origin: a fill there always needs the user's choice.
    const twin = sites.origin('https://twin.bank.test');
    await callFromExtension(ext, 'addAccounts', { drafts: [{ account: twinA, origins: [twin] }, { account: twinB, origins: [twin] }] });
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  const mode = (autofillMode: 'automatic' | 'on-click') => callFromExtension(ext, 'updateSettings', { patch: { autofillMode } });

  /** A user's click at the left end of a code field (clear of Keyfob's button at its right end). */
  async function focusByClick(page: Page, scope: Page | Frame): Promise<void> {
    const box = await (await scope.$('input[name="code"]'))?.boundingBox();
    if (!box) throw new Error('the field is not rendered');
    await page.mouse.click(box.x + 8, box.y + box.height / 2);
  }

  it('the shortcut sent to every frame fills the focused top field; the embedded cross-site frame stays silent', async () => {
    await mode('on-click');
    const page = await h.newPage(`${bank}/with-frame`);
    const evil = await frameOnOrigin(page, sites.origin('https://evil.test'));
    await keyfobHost(page, 'input[name="code"]');
    await keyfobHost(evil, 'input[name="code"]');
    const tabId = await tabIdOf(h, page);
    const windowsBefore = keyfobTargets(h);

    await focusByClick(page, page);
    expect(await evil.evaluate(() => document.hasFocus())).toBe(false);
    // What chrome.commands' listener does: one message, no frame id, so every frame of the tab hears it.
    expect(await sendToAllFrames(h, tabId, { trigger: 'command' })).toEqual({ ok: true, value: { filled: true } });
    expect(await isCodeOf(bankAccount, await fieldValue(page))).toBe(true);
    // The frame did not ask: no chooser, no waiting fill for it, no code.
    expect(await fieldValue(evil)).toBe('');
    expect(await pendingFillOf(ext, tabId)).toBeNull();
    expect((await storedPendingFills(h)).filter((p) => p.tabId === tabId)).toEqual([]);
    expect([...keyfobTargets(h)].filter((t) => !windowsBefore.has(t))).toEqual([]);
    expect(requestsWithCodes(sites, 'evil.test')).toEqual([]);
    await page.close();
  });

  it('the shortcut sent to a background tab does nothing there', async () => {
    await mode('on-click');
    const background = await h.newPage(`${bank}/challenge`);
    await keyfobHost(background, 'input[name="code"]');
    const backgroundTab = await tabIdOf(h, background);
    await focusByClick(background, background);
    // The user moves to another tab; the bank tab keeps its focused field but is no longer in front.
    const front = await h.newPage(`${sites.origin('https://other.test')}/challenge`);
    await front.bringToFront();
    expect(await background.evaluate(() => document.hasFocus())).toBe(false);
    const windowsBefore = keyfobTargets(h);

    const reply = await sendToAllFrames(h, backgroundTab, { trigger: 'command' });
    // No frame of the tab answers (only a focused frame would).
    expect(reply).not.toMatchObject({ ok: true });
    expect(await fieldValue(background)).toBe('');
    expect(await pendingFillOf(ext, backgroundTab)).toBeNull();
    expect([...keyfobTargets(h)].filter((t) => !windowsBefore.has(t))).toEqual([]);
    await front.close();
    await background.close();
  });

  it('an unlock fills the one-account page and opens no chooser for a background tab with two bound accounts', async () => {
    await mode('automatic');
    await callFromExtension(ext, 'lock', {});
    const twinPage = await h.newPage(`${sites.origin('https://twin.bank.test')}/challenge`);
    await keyfobHost(twinPage, 'input[name="code"]');
    const twinTab = await tabIdOf(h, twinPage);
    const bankPage = await h.newPage(`${bank}/challenge`);
    await keyfobHost(bankPage, 'input[name="code"]');
    await tabIdOf(h, bankPage); // in front; the twin tab is in the background
    expect((await storedPendingFills(h)).filter((p) => p.reason === 'locked')).toHaveLength(2);
    const windowsBefore = keyfobTargets(h);

    await callFromExtension(ext, 'unlock', { password: MASTER_PASSWORD });
    await waitForCode(bankPage, 'input[name="code"]');
    expect(await isCodeOf(bankAccount, await fieldValue(bankPage))).toBe(true);
    // The unlock's own message to the twin tab: awaiting a second one proves an 'unlocked' ask there is settled.
    expect(await sendToAllFrames(h, twinTab, { trigger: 'unlocked' })).toEqual({ ok: true, value: { filled: false } });
    expect(await fieldValue(twinPage)).toBe('');
    expect(await pendingFillOf(ext, twinTab)).toBeNull();
    expect((await storedPendingFills(h)).filter((p) => p.reason === 'locked' || p.reason === 'choose')).toEqual([]);
    expect([...keyfobTargets(h)].filter((t) => !windowsBefore.has(t))).toEqual([]);
    await bankPage.close();
    await twinPage.close();
  });
});

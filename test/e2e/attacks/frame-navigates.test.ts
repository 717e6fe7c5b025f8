// Hole 2: the user's choice in Keyfob's window is for one document; a frame or page that navigated to another site
// while the chooser was open gets no code, not even when a fill command is forged to it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { askContentScript, launchWithExtension, sendFromExtensionPage, type Harness } from '../harness.ts';
import { callFromExtension, forgetFilledSteps, vaultWith, waitForCode, MASTER_PASSWORD } from '../autofill-setup.ts';
import { nextKeyfobPage, tabIdOf } from '../keyfob-window.ts';
import { totp } from '../popup-driver.ts';
import { clickKeyfobButton, keyfobHost } from './inline-ui-driver.ts';
import {
  fieldValue, frameOnOrigin, isCodeOf, leakedValues, leakyChallengePage, pendingFillOf, requestsWithCodes, sendToFrame, storedPendingFills,
} from './autofill-attack-kit.ts';
import { framingPage, startAttackSites, type AttackSites } from './sites.ts';

const account = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');

describe('a choice made for one document never reaches the document that replaced it', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let accountId: string;
  let bank: string;

  beforeAll(async () => {
    sites = await startAttackSites({ '* /challenge': leakyChallengePage() });
    sites.page('https://bank.test', '/host', (req) => framingPage([{ src: req.query.get('src') ?? '', opts: { id: 'f' } }], 'Bank'));
    bank = sites.origin('https://bank.test');
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    ({ ext, accountId } = await vaultWith(h, account, [bank]));
  });
  // Each test fills the same account on the same origin within seconds: as if a 30 s step had passed in between.
  beforeEach(async () => { await forgetFilledSteps(h); });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  const origins = async () => (await callFromExtension<{ accounts: { id: string; origins: string[] }[] }>(ext, 'listAccounts', {}))
    .accounts.find((a) => a.id === accountId)?.origins ?? [];

  /** The bank page frames `origin`'s challenge; the user clicks Keyfob's button in it; the chooser opens and is left waiting. */
  async function frameAsks(origin: string): Promise<{ page: Page; frame: Frame; tabId: number; frameId: number }> {
    const page = await h.newPage(`${bank}/host?src=${encodeURIComponent(`${origin}/challenge`)}`);
    const frame = await frameOnOrigin(page, origin);
    const tabId = await tabIdOf(h, page);
    const opened = nextKeyfobPage(h);
    await clickKeyfobButton(frame, 'input[name="code"]');
    await (await opened).close();
    expect(await pendingFillOf(ext, tabId)).toMatchObject({ origin, topOrigin: bank, frame: 'cross-origin' });
    const frameId = (await storedPendingFills(h)).find((p) => p.tabId === tabId && p.reason === 'choose')?.frameId;
    if (frameId === undefined || frameId === 0) throw new Error('the frame\'s pending fill was not recorded');
    return { page, frame, tabId, frameId };
  }

  /** The top page asks through the shortcut; the chooser opens and is left waiting. */
  async function pageAsks(origin: string): Promise<{ page: Page; tabId: number }> {
    const page = await h.newPage(`${origin}/challenge`);
    await keyfobHost(page, 'input[name="code"]');
    const tabId = await tabIdOf(h, page);
    const opened = nextKeyfobPage(h);
    expect(await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' })).toEqual({ ok: true, value: { filled: false } });
    await (await opened).close();
    expect(await pendingFillOf(ext, tabId)).toMatchObject({ origin, frame: 'top' });
    return { page, tabId };
  }

  it('legit: the frame that asked is filled once the user links its origin', async () => {
    const origin = sites.origin('https://a.bank.test');
    const { page, frame, tabId } = await frameAsks(origin);
    expect(await callFromExtension(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: true, masterPassword: MASTER_PASSWORD })).toEqual({ filled: true });
    await waitForCode(frame, 'input[name="code"]');
    expect(await isCodeOf(account, await fieldValue(frame))).toBe(true);
    await page.close();
  });

  it('a frame that navigated to another site before the choice gets nothing, even from a forged fill command', async () => {
    const origin = sites.origin('https://b.bank.test');
    const evil = sites.origin('https://evil.bank.test');
    const { page, tabId, frameId } = await frameAsks(origin);
    // The framed document replaces itself with the attacker's page (same frame, same frame id) while the chooser is open.
    await page.evaluate((url: string) => { (document.getElementById('f') as HTMLIFrameElement).src = url; }, `${evil}/challenge`);
    const evilFrame = await frameOnOrigin(page, evil);
    await keyfobHost(evilFrame, 'input[name="code"]');

    // The user, still seeing b.bank.test in Keyfob's window, links it and fills: the new document is not told.
    expect(await callFromExtension(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: true, masterPassword: MASTER_PASSWORD })).toEqual({ filled: false });
    expect(await fieldValue(evilFrame)).toBe('');
    // A fill command pushed to the frame id (what the old code did) makes the new document ask: it holds no choice.
    expect(await sendToFrame(h, tabId, frameId, { trigger: 'chosen' })).toEqual({ ok: true, value: { filled: false } });
    // Even once the attacker's document has an explicit ask of its own on record (the user clicked its key button),
    // the earlier choice was for another document, so a forged 'chosen' still gets no code.
    const opened = nextKeyfobPage(h);
    await clickKeyfobButton(evilFrame, 'input[name="code"]');
    await (await opened).close();
    expect(await sendToFrame(h, tabId, frameId, { trigger: 'chosen' })).toEqual({ ok: true, value: { filled: false } });
    // The window still shows b.bank.test; a confirmation of it must not settle (and link) the attacker's newer request.
    const late = await sendFromExtensionPage(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: true, masterPassword: MASTER_PASSWORD });
    expect(late).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await fieldValue(evilFrame)).toBe('');
    expect(leakedValues(sites, evil).filter((v) => v !== '')).toEqual([]);
    expect(requestsWithCodes(sites, 'evil.bank.test')).toEqual([]);
    expect(await origins()).not.toContain(evil);
    await page.close();
  });

  it('legit: the top page that asked is filled once the user links its origin', async () => {
    const origin = sites.origin('https://c.bank.test');
    const { page, tabId } = await pageAsks(origin);
    expect(await callFromExtension(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: true, masterPassword: MASTER_PASSWORD })).toEqual({ filled: true });
    await waitForCode(page, 'input[name="code"]');
    await page.close();
  });

  it('a top page that navigated to another site before the choice gets nothing', async () => {
    const origin = sites.origin('https://d.bank.test');
    const evil = sites.origin('http://evil.bank.test');
    const { page, tabId } = await pageAsks(origin);
    await page.goto(`${evil}/challenge`, { waitUntil: 'load' });
    await keyfobHost(page, 'input[name="code"]');

    // The new document's own load replaced the tab's waiting fill (one per frame), so the choice made for
    // d.bank.test has nothing left to settle: refused, nothing linked, nothing filled.
    const reply = await sendFromExtensionPage(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: true, masterPassword: MASTER_PASSWORD });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await origins()).not.toContain(origin);
    expect(await fieldValue(page)).toBe('');
    expect(await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'chosen' })).toEqual({ ok: true, value: { filled: false } });
    expect(await fieldValue(page)).toBe('');
    expect(leakedValues(sites, evil).filter((v) => v !== '')).toEqual([]);
    expect(requestsWithCodes(sites, 'evil.bank.test')).toEqual([]);
    expect(await origins()).not.toContain(evil);
    await page.close();
  });
});

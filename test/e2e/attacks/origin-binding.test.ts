// Hole 1: an account bound to https://bank.test:P fills only there; plain http, another port, a subdomain and a
// look-alike domain get no code on sight; plain http and the look-alike are not even offered it, and only the user's
// "Link this site" in Keyfob's window, with the master password, links a related one (issue 21).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { askContentScript, launchWithExtension, type Harness } from '../harness.ts';
import { callFromExtension, forgetFilledSteps, vaultWith, waitForCode, MASTER_PASSWORD } from '../autofill-setup.ts';
import { nextKeyfobPage, tabIdOf } from '../keyfob-window.ts';
import { totp } from '../popup-driver.ts';
import { keyfobHost } from './inline-ui-driver.ts';
import {
  fieldValue, isCodeOf, leakedValues, leakyChallengePage, pendingFillOf, requestsWithCodes, waitForLeak,
} from './autofill-attack-kit.ts';
import { startAttackSites, type AttackSites } from './sites.ts';

const account = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');

describe('an https origin binding reaches no other scheme, port or host on sight', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let accountId: string;
  let bank: string;

  beforeAll(async () => {
    sites = await startAttackSites({ '* /challenge': leakyChallengePage() });
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
    .accounts.find((a) => a.id === accountId)?.origins;

  /** Loads the page, waits for Keyfob's key button (so the automatic decision is made) and checks the field stayed empty. */
  async function notFilledOnSight(origin: string): Promise<{ page: Page; tabId: number }> {
    const page = await h.newPage(`${origin}/challenge`);
    await keyfobHost(page, 'input[name="code"]');
    expect(await fieldValue(page)).toBe('');
    const tabId = await tabIdOf(h, page);
    expect(await pendingFillOf(ext, tabId)).toBeNull();
    return { page, tabId };
  }

  /** The user's shortcut on the page opens Keyfob's window, and `pending` is what it shows. */
  async function explicitAsk(page: Page, tabId: number): Promise<NonNullable<Awaited<ReturnType<typeof pendingFillOf>>>> {
    const opened = nextKeyfobPage(h);
    expect(await askContentScript(await h.worker(), page, 'fillNow', { trigger: 'command' })).toEqual({ ok: true, value: { filled: false } });
    await (await opened).close();
    const pending = await pendingFillOf(ext, tabId);
    if (!pending) throw new Error('no pending fill');
    return pending;
  }

  /** A page the binding says `none` for: nothing listed, and no choice accepted, not even with the master password. */
  async function explicitAskOffersNothing(page: Page, tabId: number, origin: string): Promise<void> {
    const pending = await explicitAsk(page, tabId);
    expect(pending).toMatchObject({ origin, frame: 'top', accounts: [] });
    for (const linkSite of [false, true]) {
      await expect(callFromExtension(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite, masterPassword: MASTER_PASSWORD }))
        .rejects.toThrow(/not_found|cannot fill/);
    }
    expect(await fieldValue(page)).toBe('');
  }

  /** Another origin of the bound site: the account is offered as not bound, and linking asks for the master password. */
  async function explicitAskOffersUnbound(page: Page, tabId: number, origin: string): Promise<void> {
    const pending = await explicitAsk(page, tabId);
    expect(pending).toMatchObject({ origin, frame: 'top' });
    expect(pending.accounts).toEqual([expect.objectContaining({ id: accountId, bound: false })]);
    expect(await fieldValue(page)).toBe('');
    // Without the user's "Link this site", or without the master password, or with a wrong one: refused.
    await expect(callFromExtension(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: false })).rejects.toThrow(/forbidden/);
    await expect(callFromExtension(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: true })).rejects.toThrow(/forbidden/);
    await expect(callFromExtension(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: true, masterPassword: `${MASTER_PASSWORD}?` }))
      .rejects.toThrow(/wrong_password|Wrong password/);
    expect(await fieldValue(page)).toBe('');
    expect(await origins()).not.toContain(origin);
  }

  it('fills the bound https origin automatically with the account\'s current code', async () => {
    const page = await h.newPage(`${bank}/challenge`);
    await waitForCode(page, 'input[name="code"]');
    const code = await fieldValue(page);
    expect(await isCodeOf(account, code)).toBe(true);
    // The leak script works: the bound page does see its own code.
    await waitForLeak(sites, bank, code);
    await page.close();
  });

  it('gives a plain-http page of the same host nothing, and never counts the account as bound there', async () => {
    const http = sites.origin('http://bank.test');
    const { page, tabId } = await notFilledOnSight(http);
    await explicitAskOffersNothing(page, tabId, http);
    expect(await origins()).toEqual([bank]);
    expect(leakedValues(sites, http).filter((v) => v !== '')).toEqual([]);
    expect(requestsWithCodes(sites, http)).toEqual([]);
    await page.close();
  });

  it('gives a look-alike domain nothing, not even an offer', async () => {
    const lookAlike = sites.origin('https://bank-login.test');
    const { page, tabId } = await notFilledOnSight(lookAlike);
    await explicitAskOffersNothing(page, tabId, lookAlike);
    expect(await origins()).toEqual([bank]);
    expect(requestsWithCodes(sites, lookAlike)).toEqual([]);
    await page.close();
  });

  for (const [what, schemeAndHost, port] of [
    ['another port of the bound host', 'https://bank.test', 'alt'],
    ['a subdomain of the bound host', 'https://login.bank.test', 'main'],
  ] as const) {
    it(`offers ${what} but fills it only after the user links it in Keyfob's window`, async () => {
      const origin = sites.origin(schemeAndHost, port);
      const { page, tabId } = await notFilledOnSight(origin);
      await explicitAskOffersUnbound(page, tabId, origin);
      expect(requestsWithCodes(sites, origin)).toEqual([]);

      // The user confirms "Link this site to Bank / alice?": the origin is bound, and that document asks again.
      expect(await callFromExtension(ext, 'choosePendingFill', { tabId, origin, accountId, linkSite: true, masterPassword: MASTER_PASSWORD })).toEqual({ filled: true });
      await waitForCode(page, 'input[name="code"]');
      expect(await isCodeOf(account, await fieldValue(page))).toBe(true);
      expect(await origins()).toContain(origin);
      await page.close();

      // Linked now: the next visit (in a later step: this one's code was just filled) is filled on sight.
      await forgetFilledSteps(h);
      const again = await h.newPage(`${origin}/challenge`);
      await waitForCode(again, 'input[name="code"]');
      await again.close();
    });
  }

  it('after the related origins were linked, plain http still gets nothing on sight', async () => {
    const http = sites.origin('http://bank.test', 'alt');
    const { page } = await notFilledOnSight(http);
    expect(requestsWithCodes(sites, 'http://bank.test')).toEqual([]);
    await page.close();
  });
});

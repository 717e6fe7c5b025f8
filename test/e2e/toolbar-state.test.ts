// The toolbar button as the user sees it: the padlock while locked, and a badge on the tab whose page has a code
// field for a bound account, never on a look-alike origin's tab, gone when the tab leaves the page or the vault locks.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from './harness.ts';
import { callFromExtension, MASTER_PASSWORD, vaultWith, waitForCode } from './autofill-setup.ts';
import { tabIdOf } from './keyfob-window.ts';
import { totp } from './popup-driver.ts';
import { keyfobHost } from './attacks/inline-ui-driver.ts';
import { fieldValue } from './attacks/autofill-attack-kit.ts';
import { challengePage, startAttackSites, type AttackSites } from './attacks/sites.ts';

const account = totp('Bank', 'alice', 'JBSWY3DPEHPK3PXP');

interface ButtonState { badge: string; title: string }

describe('the toolbar button shows the lock state and which tab has a fillable account', () => {
  let sites: AttackSites;
  let h: Harness;
  let ext: Page;
  let bank: string;

  beforeAll(async () => {
    sites = await startAttackSites({ '* /challenge': challengePage(), '* /done': '<!doctype html><title>Signed in</title><p>Welcome</p>' });
    bank = sites.origin('https://bank.test');
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    ({ ext } = await vaultWith(h, account, [bank]));
  });
  afterAll(async () => {
    await h?.close();
    await sites?.close();
  });

  /** What the toolbar shows: for one tab, or (no tab) the button everywhere else. */
  async function button(tabId?: number): Promise<ButtonState> {
    return (await h.worker()).evaluate(async (id: number | null) => {
      const details = id === null ? {} : { tabId: id };
      return { badge: await chrome.action.getBadgeText(details), title: await chrome.action.getTitle(details) };
    }, tabId ?? null);
  }

  async function waitForButton(expected: ButtonState, tabId?: number): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      const now = await button(tabId);
      if (now.badge === expected.badge && now.title === expected.title) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await button(tabId)).toEqual(expected);
  }

  /** The tabs the background recorded as showing a code field: the origins there and the page the tab showed. */
  /** The record keeps a digest of each tab's page, never its URL (issue 21: no page URL in session storage). */
  const digestOf = (url: string) => createHash('sha256').update(url).digest('hex');

  async function recordedFieldTabs(): Promise<Record<string, { origins: string[]; page: string }>> {
    return (await h.worker()).evaluate(async () => ((await chrome.storage.session.get('toolbar.fieldTabs'))['toolbar.fieldTabs'] ?? {}) as Record<string, { origins: string[]; page: string }>);
  }

  const ready = { badge: '1', title: 'Keyfob: 1 account can fill this page' };

  it('shows the plain key while unlocked and the padlock title after a lock, then the plain one again on unlock', async () => {
    await waitForButton({ badge: '', title: 'Keyfob' });
    await callFromExtension(ext, 'lock', {});
    await waitForButton({ badge: '', title: 'Keyfob (locked)' });
    await callFromExtension(ext, 'unlock', { password: MASTER_PASSWORD });
    await waitForButton({ badge: '', title: 'Keyfob' });
  });

  it('badges the bound bank tab and not the look-alike origin\'s tab, which the background did consider', async () => {
    const lookAlikeOrigin = sites.origin('https://bank-login.test');
    const lookAlike = await h.newPage(`${lookAlikeOrigin}/challenge`);
    // The key button means the page asked and was refused: its code field was reported to the background first.
    await keyfobHost(lookAlike, 'input[name="code"]');
    expect(await fieldValue(lookAlike)).toBe('');
    const lookAlikeTab = await tabIdOf(h, lookAlike);

    const page = await h.newPage(`${bank}/challenge`);
    await waitForCode(page, 'input[name="code"]');
    const bankTab = await tabIdOf(h, page);
    // Code fields are recorded one after another, so once the bank tab shows its badge the look-alike was counted.
    await waitForButton(ready, bankTab);
    expect((await recordedFieldTabs())[lookAlikeTab]).toEqual({ origins: [lookAlikeOrigin], page: digestOf(`${lookAlikeOrigin}/challenge`) });
    expect(await button(lookAlikeTab)).toEqual({ badge: '', title: 'Keyfob' });
    // The badge is per tab: the button elsewhere says nothing.
    expect(await button()).toEqual({ badge: '', title: 'Keyfob' });
    await lookAlike.close();
    await page.close();
  });

  it('drops the badge when the tab goes on to another page, keeps it off through a lock and unlock, and shows it again back on the challenge', async () => {
    const page = await h.newPage(`${bank}/challenge`);
    const tabId = await tabIdOf(h, page);
    await waitForButton(ready, tabId);
    const stays = await h.newPage(`${bank}/challenge`);
    const staysTab = await tabIdOf(h, stays);
    await waitForButton(ready, staysTab);
    const closes = await h.newPage(`${bank}/challenge`);
    const closedTab = await tabIdOf(h, closes);
    await waitForButton(ready, closedTab);

    // The browser resets a tab's badge when it goes on to another page; the worker is not woken for it.
    await page.goto(`${bank}/done`, { waitUntil: 'load' });
    await waitForButton({ badge: '', title: 'Keyfob' }, tabId);
    await closes.close();
    // A lock and an unlock recount the recorded tabs: the one that moved on and the closed one are dropped, not
    // badged again, while the tab still on the challenge gets its badge back.
    await callFromExtension(ext, 'lock', {});
    await waitForButton({ badge: '', title: 'Keyfob (locked)' }, staysTab);
    await callFromExtension(ext, 'unlock', { password: MASTER_PASSWORD });
    await waitForButton(ready, staysTab);
    expect(await button(tabId)).toEqual({ badge: '', title: 'Keyfob' });
    const recorded = await recordedFieldTabs();
    expect(recorded[tabId]).toBeUndefined();
    expect(recorded[closedTab]).toBeUndefined();
    expect(recorded[staysTab]).toEqual({ origins: [bank], page: digestOf(`${bank}/challenge`) });

    await page.goto(`${bank}/challenge`, { waitUntil: 'load' });
    await waitForButton(ready, tabId);
    await stays.close();
    await page.close();
  });

  it('takes the badge away while locked (no account can be read) and counts again after the unlock', async () => {
    const page = await h.newPage(`${bank}/challenge`);
    const tabId = await tabIdOf(h, page);
    await waitForButton(ready, tabId);
    await callFromExtension(ext, 'lock', {});
    await waitForButton({ badge: '', title: 'Keyfob (locked)' }, tabId);
    await callFromExtension(ext, 'unlock', { password: MASTER_PASSWORD });
    await waitForButton(ready, tabId);
    await page.close();
  });
});

// The popup in real Chromium: first run, adding by hand, codes, search, copy, details, lock and unlock.
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { generateCode } from '../../src/shared/index.ts';
import type { Harness } from './harness.ts';
import { freshVaultPerTest } from './fresh-vault.ts';
import { addAcmeByHandAndReadCode, callFromPage, createVaultThroughUi, fill, listRows, MASTER, press, totp, waitForText } from './popup-driver.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('popup', () => {
  // One browser for the file; each test starts with no vault and opens a popup of its own (closed after it).
  let h: Harness;
  freshVaultPerTest((fresh) => { h = fresh.h; });
  const opened: Page[] = [];
  async function openPopup(): Promise<Page> {
    const popup = await h.openPopupTab();
    opened.push(popup);
    return popup;
  }
  afterEach(async () => { for (const page of opened.splice(0)) await page.close().catch(() => undefined); });

  it('creates a vault, adds an account by hand and shows the code generateCode gives at that moment', async () => {
    const popup = await openPopup();
    await fill(popup, 'Master password', 'short');
    await waitForText(popup, '[data-testid="password-strength"]', 'Too short');
    await createVaultThroughUi(popup);
    const { shown, now } = await addAcmeByHandAndReadCode(popup, SECRET);
    expect(shown).toMatch(/^\d{3} \d{3}$/);
    expect(shown.replace(' ', '')).toBe(await generateCode(totp('ACME', 'alice@example.com', SECRET), now));
    const [row] = await listRows(popup);
    expect(row).toContain('ACME');
    expect(row).toContain('alice@example.com');
  });

  it('shows the parser message for an invalid secret and saves nothing', async () => {
    const popup = await openPopup();
    await createVaultThroughUi(popup);
    await press(popup, 'Add account');
    await fill(popup, 'Issuer', 'Broken');
    await fill(popup, 'Account name', 'bob');
    await fill(popup, 'Secret key', 'not base32 at all!');
    await press(popup, 'Save');
    const alert = await popup.waitForSelector('[role="alert"]');
    expect((await alert?.evaluate((e) => e.textContent)) ?? '').toMatch(/secret|base32/i);
    const { accounts } = await callFromPage<{ accounts: unknown[] }>(popup, 'listAccounts', {});
    expect(accounts).toHaveLength(0);
  });

  it('says "Wrong password" for a wrong master password, unlocks with the right one and locks again', async () => {
    const popup = await openPopup();
    await createVaultThroughUi(popup);
    await callFromPage(popup, 'addAccounts', { drafts: [{ account: totp('Lockbox', 'carol', SECRET) }] });
    await popup.reload();
    await waitForText(popup, '[role="listitem"]', 'Lockbox');
    await press(popup, 'Lock');
    await fill(popup, 'Master password', 'not the password');
    await press(popup, 'Unlock');
    expect(await waitForText(popup, '[role="alert"]', 'Wrong password')).toBe('Wrong password');
    await fill(popup, 'Master password', MASTER);
    await press(popup, 'Unlock');
    await waitForText(popup, '[role="listitem"]', 'Lockbox');
    await popup.reload();
    await waitForText(popup, '[role="listitem"]', 'Lockbox');
  });

  it('filters the list by issuer, name or site as the user types in Search, and Enter copies the first match', async () => {
    const popup = await openPopup();
    await createVaultThroughUi(popup);
    await callFromPage(popup, 'addAccounts', { drafts: [
      { account: totp('GitHub', 'dev@example.com', 'JBSWY3DPEHPK3PXA') },
      { account: totp('Mastodon', 'dev', 'JBSWY3DPEHPK3PXB'), origins: ['https://social.example'] },
      { account: totp('Bank', 'dev@example.com', 'JBSWY3DPEHPK3PXC') },
    ] });
    await popup.reload();
    await popup.waitForFunction(() => document.querySelectorAll('[role="listitem"]').length === 3);
    await fill(popup, 'Search', 'mast');
    await popup.waitForFunction(() => document.querySelectorAll('[role="listitem"]').length === 1);
    expect((await listRows(popup))[0]).toContain('Mastodon');
    await fill(popup, 'Search', 'example.com');
    await popup.waitForFunction(() => document.querySelectorAll('[role="listitem"]').length === 2);
    expect((await listRows(popup)).join('|')).not.toContain('Mastodon');
    await popup.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="code"]')?.textContent ?? ''));
    await popup.keyboard.press('Enter'); // copies the first match
    await waitForText(popup, '[role="status"]', 'Copied');
    await fill(popup, 'Search', 'nothing like it');
    await waitForText(popup, 'p', 'No account matches');
  });

  it('copies a code on click with visible feedback, and renames and deletes an account after confirmation', async () => {
    const popup = await openPopup();
    await createVaultThroughUi(popup);
    await callFromPage(popup, 'addAccounts', { drafts: [{ account: totp('Old name', 'dave', SECRET) }] });
    await popup.reload();
    await popup.waitForFunction(() => /\d{3} \d{3}/.test(document.querySelector('[data-testid="code"]')?.textContent ?? ''));
    await popup.click('[role="listitem"] button.copy');
    await waitForText(popup, '[role="status"]', 'Copied');
    await press(popup, 'Details for Old name dave');
    await fill(popup, 'Issuer', 'New name');
    await fill(popup, 'Bound origins (one per line)', 'https://login.example.org/signin');
    await press(popup, 'Save changes');
    // A new site for the account: saved only with the master password.
    await waitForText(popup, '[data-testid="new-bindings"]', 'New: https://login.example.org');
    await fill(popup, 'Master password', MASTER);
    await press(popup, 'Bind and save');
    await waitForText(popup, '[role="listitem"]', 'New name');
    const { accounts } = await callFromPage<{ accounts: { issuer: string; origins: string[] }[] }>(popup, 'listAccounts', {});
    expect(accounts).toMatchObject([{ issuer: 'New name', origins: ['https://login.example.org'] }]);
    await press(popup, 'Details for New name dave');
    await press(popup, 'Delete account');
    await waitForText(popup, '[role="alertdialog"]', 'cannot be undone');
    await press(popup, 'Delete for good');
    await waitForText(popup, 'p', 'No accounts yet');
  });

  it('works from the keyboard alone: create the vault, lock, and unlock with Tab and Enter', async () => {
    const popup = await openPopup();
    await popup.waitForSelector('::-p-aria(Master password)');
    // The first field has focus on open; the rest is Tab, typing and Enter.
    await popup.keyboard.type(MASTER);
    await popup.keyboard.press('Tab');
    await popup.keyboard.type(MASTER);
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('::-p-aria(Search)');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search');
    await popup.keyboard.press('Tab'); // Scan QR code
    await popup.keyboard.press('Tab'); // Add account
    await popup.keyboard.press('Enter');
    await waitForText(popup, 'h1', 'Add account');
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('::-p-aria(Search)');
    for (let i = 0; i < 4; i += 1) await popup.keyboard.press('Tab'); // … Settings, Lock
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('Lock');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('::-p-aria(Master password)');
    await popup.keyboard.type(MASTER);
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('::-p-aria(Search)');
  });
});

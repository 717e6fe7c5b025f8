// The whole journey as a user lives it on the demo server: enable 2FA by scanning the QR with the popup, the
// confirmation and sign-in fields filled by Keyfob, recovery codes saved and later used to sign in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from './harness.ts';
import { startDemoSite, type DemoSite } from './demo-site.ts';
import { callFromExtension, MASTER_PASSWORD, waitForCode } from './autofill-setup.ts';
import { press, waitForText } from './popup-driver.ts';
import { saveRecoveryCodesThroughKeyfob } from './recovery-save-driver.ts';
import { registerAndOpenTwoFactorSetup, submit } from './demo-flows.ts';
import { clickKeyfobButton, keyfobControlText } from './attacks/inline-ui-driver.ts';
import { blockedControls } from './page-controls.ts';
import { nextKeyfobPage } from './keyfob-window.ts';

interface AccountRow { id: string; account: string; origins: string[]; recoveryCodes: { total: number; unused: number } }

describe('the two-factor journey on the demo server', () => {
  let h: Harness;
  let site: DemoSite;
  let base: string;
  let ext: Page | undefined;
  const email = 'journey@example.com';
  const password = 'a long demo password 42';

  beforeAll(async () => {
    site = await startDemoSite({ DEMO_LAB: '1' });
    base = site.base;
    h = await launchWithExtension();
    const setup = await h.openPopupTab();
    await callFromExtension(setup, 'createVault', { password: MASTER_PASSWORD });
    // Closed, so that the harness finds the real action popup rather than this tab with the same URL.
    await setup.close();
  });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  async function account(): Promise<AccountRow> {
    ext ??= await h.openPopupTab();
    const { accounts } = await callFromExtension<{ accounts: AccountRow[] }>(ext, 'listAccounts', {});
    const found = accounts.find((a) => a.account === email);
    if (!found) throw new Error('account not in the vault');
    return found;
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${base}/login`);
    await page.type('input[name="email"]', email);
    await page.type('input[name="password"]', password);
    await submit(page, 'Sign in');
    expect(new URL(page.url()).pathname).toBe('/two-factor-challenge');
  }

  it('registers, enables 2FA by scanning, confirms with the filled code, saves recovery codes, and signs in with filled codes', async () => {
    const page = await h.newPage();
    await registerAndOpenTwoFactorSetup(page, base, { email, password });
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');

    const popup = await h.openActionPopup(page);
    await press(popup, 'Scan QR code');
    await waitForText(popup, '[data-testid="scan-site"]', '127.0.0.1');
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved Keyfob Demo');
    await popup.close();

    // The account scanned from this page fills this page's confirmation field.
    await waitForCode(page, 'input[name="code"]');
    const confirmedWith = await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value);
    await submit(page, 'Confirm');
    const issued = await page.$$eval('[data-testid="recovery-codes"] code', (els) => els.map((e) => e.textContent ?? ''));
    expect(issued).toHaveLength(8);
    // Keyfob's offer stands where it hides none of the page's controls (Download, Copy, Continue).
    expect(await keyfobControlText(page)).toContain('Save these recovery codes in Keyfob');
    await new Promise((r) => setTimeout(r, 400));
    expect(await blockedControls(page)).toEqual([]);
    // The page's offer only asks; the codes are saved once confirmed in Keyfob's own window.
    expect(await saveRecoveryCodesThroughKeyfob(h, page, `Save 8 recovery codes from ${new URL(base).origin} for Keyfob Demo`))
      .toMatch(/^Saved 8 recovery codes for /);
    expect((await account()).recoveryCodes).toEqual({ total: 8, unused: 8 });

    // Straight back in, most likely within the same 30 s step: Keyfob never fills the code the site just accepted,
    // it waits for the next one ("Next code in N s"), so this sign-in is not refused as a replay.
    await submit(page, 'Sign out');
    await signIn(page);
    await waitForCode(page, 'input[name="code"]', 45_000);
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).not.toBe(confirmedWith);
    await submit(page, 'Verify');
    expect(new URL(page.url()).pathname).not.toBe('/two-factor-challenge');
    expect(await page.$('::-p-aria([name="Sign out"][role="button"])')).not.toBeNull();

    await submit(page, 'Sign out');
    await signIn(page);
    await page.goto(`${base}/two-factor-challenge?recovery=1`);
    await page.bringToFront();
    // A recovery code leaves only after the user chose it in Keyfob's own window, and is counted used at once.
    const opened = nextKeyfobPage(h);
    await clickKeyfobButton(page, 'input[name="recovery_code"]');
    const keyfob = await opened;
    await (await keyfob.waitForSelector('[role="listitem"] button'))?.click();
    await waitForText(keyfob, '[data-testid="recovery-warning"]', 'will be used up');
    await press(keyfob, 'Use recovery code');
    await page.waitForFunction((first: string) => document.querySelector<HTMLInputElement>('input[name="recovery_code"]')?.value === first, {}, issued[0] ?? '');
    expect((await account()).recoveryCodes.unused).toBe(7);
    await submit(page, 'Verify');
    expect(new URL(page.url()).pathname).not.toBe('/two-factor-challenge');
    await page.close();
  });
});

// The journey of a new user: the enable-2FA page is open before any vault exists. Its field's button says "Set up
// Keyfob" and opens the first-run screen; after the vault is created and the QR scanned from that same page, the
// waiting confirmation field is filled, without a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type Harness } from './harness.ts';
import { startDemoSite, type DemoSite } from './demo-site.ts';
import { MASTER_PASSWORD, waitForCode } from './autofill-setup.ts';
import { clickKeyfobButton, keyfobButtonLabel } from './attacks/inline-ui-driver.ts';
import { registerAndOpenTwoFactorSetup, submit } from './demo-flows.ts';
import { nextKeyfobPage } from './keyfob-window.ts';
import { fill, press, waitForText } from './popup-driver.ts';

describe('first run from a page that waits for a code', () => {
  let h: Harness;
  let site: DemoSite;

  beforeAll(async () => {
    site = await startDemoSite();
    h = await launchWithExtension();
  });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  it('says "Set up Keyfob", opens the first-run screen, and fills the field once the vault exists and the QR is scanned', async () => {
    const page = await h.newPage();
    await registerAndOpenTwoFactorSetup(page, site.base, { email: 'new@example.com', password: 'a long demo password 42' });
    expect(await keyfobButtonLabel(page, 'input[name="code"]')).toBe('Set up Keyfob');

    const opened = nextKeyfobPage(h);
    await clickKeyfobButton(page, 'input[name="code"]');
    const keyfob = await opened;
    await fill(keyfob, 'Master password', MASTER_PASSWORD);
    await fill(keyfob, 'Confirm master password', MASTER_PASSWORD);
    await press(keyfob, 'Create vault');
    await keyfob.waitForSelector('::-p-aria([name="Scan QR code"][role="button"])');
    await keyfob.close();
    expect(await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value)).toBe('');

    // Scanning from the toolbar, as a user does; the account binds to this page's origin and the field fills.
    const popup = await h.openActionPopup(page);
    await press(popup, 'Scan QR code');
    await waitForText(popup, '[data-testid="scan-site"]', new URL(site.base).origin);
    await press(popup, 'Save');
    await waitForText(popup, '[role="status"]', 'Saved');
    await popup.close();
    await waitForCode(page, 'input[name="code"]');
    await submit(page, 'Confirm');
    expect(await page.$('[data-testid="recovery-codes"]')).not.toBeNull();
    await page.close();
  });
});

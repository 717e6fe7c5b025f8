// The Settings screen: preferences saved at once, master password change, export and import.
import { afterEach, describe, expect, it } from 'vitest';
import { launchWithExtension, type Harness } from './harness.ts';
import { callFromPage, createVaultThroughUi, fill, MASTER, press, totp, waitForText } from './popup-driver.ts';

describe('popup settings', () => {
  let h: Harness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });

  it('saves the autofill mode, "Submit after filling" and the auto-lock time as they are changed', async () => {
    h = await launchWithExtension();
    const popup = await h.openPopupTab();
    await createVaultThroughUi(popup);
    await press(popup, 'Settings');
    // Locators wait until the control is visible and its box stable: the screen may still be laying out.
    await popup.locator('input[type="radio"][value="off"]').click();
    await waitForText(popup, '[role="status"]', 'Saved.');
    // Each change is its own message: wait until one is saved before the next, and read the settings only once
    // the last is (a read right after the clicks could see either write first).
    const saved = (key: string, value: unknown) => popup.waitForFunction(async (k: string, v: unknown) => {
      const r = await chrome.runtime.sendMessage({ keyfob: 1, method: 'getStatus', params: {} });
      return r.value.settings[k] === v;
    }, {}, key, value);
    await popup.locator('::-p-aria(Submit after filling)').click();
    await saved('submitAfterFill', true);
    await popup.select('select', '60');
    await saved('autoLockMinutes', 60);
    const { settings } = await callFromPage<{ settings: unknown }>(popup, 'getStatus', {});
    expect(settings).toMatchObject({ autofillMode: 'off', submitAfterFill: true, autoLockMinutes: 60 });
  });

  it('changes the master password, after which only the new one unlocks', async () => {
    h = await launchWithExtension();
    const popup = await h.openPopupTab();
    await createVaultThroughUi(popup);
    await press(popup, 'Settings');
    const next = 'a brand new master passphrase 7';
    await fill(popup, 'Current master password', MASTER);
    await fill(popup, 'New master password', next);
    await fill(popup, 'Confirm new master password', next);
    await press(popup, 'Change master password');
    await waitForText(popup, '[role="status"]', 'Master password changed');
    await popup.keyboard.press('Escape');
    await press(popup, 'Lock');
    await fill(popup, 'Master password', MASTER);
    await press(popup, 'Unlock');
    await waitForText(popup, '[role="alert"]', 'Wrong password');
    await fill(popup, 'Master password', next);
    await press(popup, 'Unlock');
    await popup.waitForSelector('::-p-aria(Search)');
  });

  it('exports an encrypted backup and imports pasted otpauth lines, reporting what was added and skipped', async () => {
    h = await launchWithExtension();
    const popup = await h.openPopupTab();
    await createVaultThroughUi(popup);
    await callFromPage(popup, 'addAccounts', { drafts: [{ account: totp('Existing', 'eve', 'JBSWY3DPEHPK3PXP') }] });
    await press(popup, 'Settings');
    await fill(popup, 'Master password for encrypted backup', MASTER);
    await fill(popup, 'Backup password', 'backup password 123');
    await fill(popup, 'Confirm backup password', 'backup password 123');
    await press(popup, 'Export encrypted backup');
    await waitForText(popup, '[role="status"]', 'Exported');
    expect(await popup.$eval('::-p-aria([name="Export plain otpauth list"][role="button"])', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await fill(popup, 'Or paste text', [
      'otpauth://totp/Imported:ian?secret=KRSXG5CTMVRXEZLU&issuer=Imported',
      'otpauth://totp/Existing:eve?secret=JBSWY3DPEHPK3PXP&issuer=Existing',
    ].join('\n'));
    await press(popup, 'Import');
    await waitForText(popup, '[role="status"]', 'Imported 1 account; 1 already in Keyfob');
    const { accounts } = await callFromPage<{ accounts: { issuer: string }[] }>(popup, 'listAccounts', {});
    expect(accounts.map((a) => a.issuer).sort()).toEqual(['Existing', 'Imported']);
  });
});

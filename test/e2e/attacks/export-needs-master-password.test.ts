// Issue 10, hole 9: someone at an unlocked popup cannot carry the vault away as an encrypted backup
// under a password of their choosing; the export asks for the master password first.
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, sendFromExtensionPage, type Harness } from '../harness.ts';
import { callFromPage, createVaultThroughUi, fill, MASTER, press, totp, waitForText } from '../popup-driver.ts';

const BACKUP_PASSWORD = 'attacker chosen phrase 42';

/** Records every Blob the popup turns into a download link, so the test sees exactly what would be saved. */
async function watchDownloads(popup: Page): Promise<void> {
  await popup.evaluate(() => {
    const seen: Blob[] = [];
    (window as unknown as { keyfobDownloads: Blob[] }).keyfobDownloads = seen;
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob) seen.push(obj);
      return original(obj);
    };
  });
}

async function downloads(popup: Page): Promise<string[]> {
  return popup.evaluate(() => Promise.all((window as unknown as { keyfobDownloads: Blob[] }).keyfobDownloads.map((b) => b.text())));
}

describe('the encrypted export at an unlocked popup', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('refuses a missing or wrong master password, and exports a backup that imports with the right one', async () => {
    h = await launchWithExtension();
    const popup = await h.openPopupTab();
    await createVaultThroughUi(popup);
    await callFromPage(popup, 'addAccounts', { drafts: [{ account: totp('Bank', 'me@bank.test', 'KRSXG5CTMVRXEZLU') }] });
    await press(popup, 'Settings');
    await watchDownloads(popup);

    // The attacker at the popup: a backup password of their choosing and a guess at the master password.
    await fill(popup, 'Master password for encrypted backup', 'a guess at the master 1');
    await fill(popup, 'Backup password', BACKUP_PASSWORD);
    await fill(popup, 'Confirm backup password', BACKUP_PASSWORD);
    await press(popup, 'Export encrypted backup');
    await waitForText(popup, '[role="alert"]', 'Wrong password');
    expect(await downloads(popup)).toEqual([]);

    // The same request sent straight to the background, as a script in the popup could: no master
    // password is not a shape the background accepts, and a wrong one gets no file.
    const bare = await sendFromExtensionPage(popup, 'exportVault', { format: 'encrypted', backupPassword: BACKUP_PASSWORD });
    expect(bare).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const wrong = await sendFromExtensionPage(popup, 'exportVault', { format: 'encrypted', masterPassword: `${MASTER}x`, backupPassword: BACKUP_PASSWORD });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    expect(JSON.stringify(wrong)).not.toContain('KRSXG5CTMVRXEZLU');

    // The owner, who knows the master password, gets a backup; it restores the account.
    await fill(popup, 'Master password for encrypted backup', MASTER);
    await press(popup, 'Export encrypted backup');
    await waitForText(popup, '[role="status"]', 'Exported keyfob-backup-');
    const [file] = await downloads(popup);
    expect(file).toBeDefined();
    expect(file).not.toContain('KRSXG5CTMVRXEZLU');
    expect(JSON.parse(file ?? '')).toMatchObject({ format: 'keyfob-backup', version: 1 });

    const { accounts } = await callFromPage<{ accounts: { id: string }[] }>(popup, 'listAccounts', {});
    for (const a of accounts) await callFromPage(popup, 'deleteAccount', { id: a.id });
    expect(await callFromPage(popup, 'importData', { text: file, backupPassword: BACKUP_PASSWORD })).toEqual({ added: 1, duplicates: 0, failed: [] });
    const restored = await callFromPage<{ accounts: { issuer: string; account: string }[] }>(popup, 'listAccounts', {});
    expect(restored.accounts.map((a) => [a.issuer, a.account])).toEqual([['Bank', 'me@bank.test']]);
  });
});

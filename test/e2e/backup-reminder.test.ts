// Issue 24: backups that are not forgotten. After ten accounts added without a backup, the popup shows a quiet
// reminder; "Not now" keeps it quiet; an export resets it, and Settings shows the date of the last backup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type Harness } from './harness.ts';
import { callFromPage, MASTER, press, totp, waitForText } from './popup-driver.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secretFor = (i: number) => `KRSXG5CT${BASE32[i] ?? 'A'}${BASE32[i + 3] ?? 'B'}VRXEZL`;

describe('the backup reminder', () => {
  let h: Harness;

  beforeAll(async () => { h = await launchWithExtension(); });
  afterAll(async () => { await h?.close(); });

  it('reminds after ten new accounts, stays quiet after "Not now", and resets when a backup is exported', async () => {
    const popup = await h.openPopupTab();
    await callFromPage(popup, 'createVault', { password: MASTER });
    const add = (from: number, to: number) => callFromPage(popup, 'addAccounts', {
      drafts: Array.from({ length: to - from }, (_, k) => ({ account: totp(`Service ${from + k}`, 'me', secretFor(from + k)) })),
    });
    await add(0, 9);
    await popup.reload();
    await popup.waitForSelector('::-p-aria(Search)');
    await new Promise((r) => setTimeout(r, 500));
    expect(await popup.$('[data-testid="backup-reminder"]')).toBeNull();

    await add(9, 10);
    await popup.reload();
    await waitForText(popup, '[data-testid="backup-reminder"]', '10 accounts were added or changed since your last backup.');
    await press(popup, 'Not now');
    await popup.waitForFunction(() => document.querySelector('[data-testid="backup-reminder"]') === null);
    await popup.reload();
    await popup.waitForSelector('::-p-aria(Search)');
    await new Promise((r) => setTimeout(r, 500));
    expect(await popup.$('[data-testid="backup-reminder"]')).toBeNull();

    // An encrypted backup: nothing is owed, and Settings says when it was made.
    await callFromPage(popup, 'exportVault', { format: 'encrypted', masterPassword: MASTER, backupPassword: 'backup phrase for the reminder 9' });
    expect(await callFromPage(popup, 'backupReminder', {})).toMatchObject({ due: false, changesSince: 0, lastSyncAt: null });
    await press(popup, 'Settings');
    expect(await waitForText(popup, '[data-testid="backup-dates"]', 'Last backup:')).not.toContain('No backup');
    await popup.close();
  });
});

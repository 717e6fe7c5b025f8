// Issue 10, hole 13: a hostile backup file asking for Argon2id with 256 MiB × 64 passes is refused before any key
// derivation, with an error that says why, and the worker keeps answering; real backups still import.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { sealWithPassword } from '../../../src/shared/index.ts';
import { launchWithExtension, sendFromExtensionPage, type Harness } from '../harness.ts';
import { callFromPage, createVaultThroughUi, fill, MASTER, press, totp, waitForText } from '../popup-driver.ts';

const BACKUP_PASSWORD = 'backup phrase for the test 7';

describe('importing a backup whose key derivation would stall the worker', () => {
  let h: Harness | null = null;
  let dir = '';
  afterEach(async () => {
    await h?.close();
    h = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses Argon2id 256 MiB × 64 passes at once with a clear error, keeps answering, and imports real backups', async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyfob-hostile-'));
    h = await launchWithExtension();
    const popup = await h.openPopupTab();
    await createVaultThroughUi(popup);
    await callFromPage(popup, 'addAccounts', { drafts: [
      { account: totp('Bank', 'me@bank.test', 'KRSXG5CTMVRXEZLU') },
      { account: totp('Mail', 'me@mail.test', 'MFRGGZDFMZTWQ2LK') },
    ] });
    const real = await callFromPage<{ text: string }>(popup, 'exportVault', { format: 'encrypted', masterPassword: MASTER, backupPassword: BACKUP_PASSWORD });

    // The attacker's file: the real backup with KDF parameters that KDF_LIMITS alone would still accept.
    const hostile = JSON.parse(real.text) as { sealed: { kdf: { salt: string } } };
    hostile.sealed.kdf = { name: 'Argon2id', memoryKiB: 262_144, iterations: 64, parallelism: 1, salt: hostile.sealed.kdf.salt } as typeof hostile.sealed.kdf;
    const hostilePath = join(dir, 'keyfob-backup-hostile.json');
    writeFileSync(hostilePath, JSON.stringify(hostile, null, 2));

    // Through the popup, as a user handed the file would: the error names the parameters and the cap.
    await press(popup, 'Settings');
    const input = await popup.waitForSelector('section[aria-labelledby="import-title"] input[type="file"]') as ElementHandle<HTMLInputElement>;
    await input.uploadFile(hostilePath);
    await popup.waitForFunction(() => (document.querySelector('textarea')?.value ?? '').includes('Argon2id'));
    await fill(popup, 'Backup password (for encrypted backups)', BACKUP_PASSWORD);
    await press(popup, 'Import');
    const shown = await waitForText(popup, '[role="alert"]', 'twice what it writes itself');
    expect(shown).toContain('Argon2id with memory 262,144 KiB, passes 64');
    expect(shown).toContain('memory 38,912 KiB, passes 4, lanes 2');

    // The same file sent straight to the background, with and without a password: refused as invalid, not wrong.
    for (const params of [{ text: JSON.stringify(hostile), backupPassword: BACKUP_PASSWORD }, { text: JSON.stringify(hostile) }]) {
      const reply = await sendFromExtensionPage(popup, 'importData', params);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_backup' } });
      expect(reply.ok ? '' : reply.error.message).toContain('Keyfob accepts at most twice what it writes itself');
    }
    // The worker is free: the next message is answered.
    expect(await callFromPage(popup, 'ping', { nonce: 'still-here' })).toMatchObject({ nonce: 'still-here', from: 'background' });

    // The real backup still restores, and so does one written at the cap (PBKDF2, twice Keyfob's 600,000 iterations).
    const { accounts } = await callFromPage<{ accounts: { id: string }[] }>(popup, 'listAccounts', {});
    for (const a of accounts) await callFromPage(popup, 'deleteAccount', { id: a.id });
    expect(await callFromPage(popup, 'importData', { text: real.text, backupPassword: BACKUP_PASSWORD })).toEqual({ added: 2, duplicates: 0, failed: [] });
    const content = { accounts: [{ account: totp('AtCap', 'cap@cap.test', 'GEZDGNBVGY3TQOJQ'), notes: '', recoveryCodes: [] }] };
    const atCap = {
      format: 'keyfob-backup', version: 1, createdAt: new Date().toISOString(),
      sealed: await sealWithPassword(new TextEncoder().encode(JSON.stringify(content)), BACKUP_PASSWORD, { kdf: { name: 'PBKDF2-SHA256', iterations: 1_200_000 } }),
    };
    expect(await callFromPage(popup, 'importData', { text: JSON.stringify(atCap), backupPassword: BACKUP_PASSWORD })).toEqual({ added: 1, duplicates: 0, failed: [] });
    const after = await callFromPage<{ accounts: { issuer: string }[] }>(popup, 'listAccounts', {});
    expect(after.accounts.map((a) => a.issuer).sort()).toEqual(['AtCap', 'Bank', 'Mail']);
  });
});

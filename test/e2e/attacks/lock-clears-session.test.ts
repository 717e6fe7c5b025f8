// Issue 10, hole 10: after Lock, nothing readable is left in session storage: a Google Authenticator export
// half scanned, recovery codes waiting for Save or an image waiting to be decoded goes with the data key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { launchWithExtension, type Harness } from '../harness.ts';
import { serveStatic, type StaticServer } from '../static-server.ts';
import { callFromPage, fill, MASTER, press, totp, waitForText } from '../popup-driver.ts';
import { SESSION_KEYS } from '../../../extension/session-keys.ts';

// A minimal protobuf writer for Google Authenticator's MigrationPayload (field numbers from its .proto).
const varint = (n: number): number[] => (n > 0x7f ? [(n & 0x7f) | 0x80, ...varint(Math.floor(n / 128))] : [n]);
const field = (num: number, bytes: number[]) => [...varint((num << 3) | 2), ...varint(bytes.length), ...bytes];
const intField = (num: number, value: number) => [...varint(num << 3), ...varint(value)];
const text = (s: string) => [...new TextEncoder().encode(s)];

/** Part `index` of a two-part export holding one account whose 10-byte secret is `secret`. */
function migrationPart(index: number, issuer: string, secret: number[]): string {
  const payload = [
    ...field(1, [...field(1, secret), ...field(2, text(`${issuer.toLowerCase()}@mail.test`)), ...field(3, text(issuer)),
      ...intField(4, 1), ...intField(5, 1), ...intField(6, 2)]),
    ...intField(2, 1), ...intField(3, 2), ...intField(4, index), ...intField(5, 4242),
  ];
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
}

// base32 of bytes 1..10, the secret of the half-scanned export: it must not outlive Lock anywhere in session storage.
const HALF_SCANNED_SECRET = 'AEBAGBAFAYDQQCIK';

describe('Lock and session storage', () => {
  let h: Harness;
  let site: StaticServer;

  beforeAll(async () => {
    const page = (img: string) => `<!doctype html><html><body style="margin:0"><img src="${img}" alt="export QR"></body></html>`;
    site = await serveStatic({
      '/part1': page('/part1.png'),
      '/part1.png': await QRCode.toBuffer(migrationPart(0, 'Mail One', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), { scale: 4, margin: 4 }),
      '/part2': page('/part2.png'),
      '/part2.png': await QRCode.toBuffer(migrationPart(1, 'Mail Two', [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]), { scale: 4, margin: 4 }),
      '/challenge': '<!doctype html><title>Verify</title><form method="post"><label>Authentication code '
        + '<input name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></label><button>Verify</button></form>',
    });
    h = await launchWithExtension({ deviceScaleFactor: 2 });
  });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  async function sessionStorage(): Promise<Record<string, unknown>> {
    return (await h.worker()).evaluate(() => chrome.storage.session.get(null));
  }

  it('forgets a half-scanned Google Authenticator export and recovery codes waiting for Save at Lock, keeps the accounts, and unlocks', async () => {
    const setup = await h.openPopupTab();
    await callFromPage(setup, 'createVault', { password: MASTER });
    await callFromPage(setup, 'addAccounts', { drafts: [{ account: totp('Kept', 'kim@kept.test', 'KRSXG5CTMVRXEZLU') }] });
    await setup.close();

    // Scan the first of two export codes through the real action popup and leave without saving.
    const tab = await h.newPage(`${site.url}/part1`);
    const scanPopup = await h.openActionPopup(tab);
    await press(scanPopup, 'Scan QR code');
    await waitForText(scanPopup, '[data-testid="batch-progress"]', '1 of 2 scanned');
    await scanPopup.close();

    // Lock with the popup's own button, opened first: it would take a waiting image for itself.
    const popup = await h.openPopupTab();
    await popup.waitForSelector('::-p-aria(Search)');
    // What the autofill and the context menu leave there in the middle of their work, written as they write it.
    await (await h.worker()).evaluate(async (keys: typeof SESSION_KEYS) => {
      await chrome.storage.session.set({
        [keys.recoverySaves]: [{ saveId: 's1', tabId: 1, origin: 'https://bank.test', codes: ['RECOVERY-CODE-1'], createdAt: Date.now() }],
        [keys.pendingImage]: { dataUrl: 'data:,', pageUrl: 'https://bank.test/setup' },
      });
    }, SESSION_KEYS);
    const before = await sessionStorage();
    expect(JSON.stringify(before[SESSION_KEYS.migrationBatch])).toContain(HALF_SCANNED_SECRET);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([SESSION_KEYS.recoverySaves, SESSION_KEYS.pendingImage]));
    await press(popup, 'Lock');
    await popup.waitForSelector('::-p-aria([name="Unlock"][role="button"])');
    const after = await sessionStorage();
    for (const key of Object.values(SESSION_KEYS)) expect(after).not.toHaveProperty(key);
    expect(JSON.stringify(after)).not.toContain(HALF_SCANNED_SECRET);
    expect(JSON.stringify(after)).not.toContain('RECOVERY-CODE-1');

    // Unlocking brings back the saved accounts, not the abandoned scan: the other export code starts afresh.
    await fill(popup, 'Master password', MASTER);
    await press(popup, 'Unlock');
    await popup.waitForSelector('::-p-aria(Search)');
    const { accounts } = await callFromPage<{ accounts: { issuer: string }[] }>(popup, 'listAccounts', {});
    expect(accounts.map((a) => a.issuer)).toEqual(['Kept']);
    await popup.close();
    const tab2 = await h.newPage(`${site.url}/part2`);
    const second = await h.openActionPopup(tab2);
    await press(second, 'Scan QR code');
    await waitForText(second, '[data-testid="batch-progress"]', '1 of 2 scanned');
    expect(JSON.stringify((await sessionStorage())[SESSION_KEYS.migrationBatch])).not.toContain(HALF_SCANNED_SECRET);
  });

  it('keeps no page URL and no fill record past Lock, only the origin, so the code just filled is still not filled again', async () => {
    const popup = await h.openPopupTab();
    const origin = new URL(site.url).origin;
    const { added } = await callFromPage<{ added: { id: string }[] }>(popup, 'addAccounts', {
      drafts: [{ account: totp('Filled', 'fay@filled.test', 'GEZDGNBVGY3TQOJQ'), origins: [origin] }],
    });
    const accountId = added[0]?.id ?? '';
    const page = await h.newPage(`${site.url}/challenge?session=QUERY-SECRET-42`);
    await page.waitForFunction(() => /^\d{6}$/.test(document.querySelector<HTMLInputElement>('input[name="code"]')?.value ?? ''), { timeout: 15_000 });
    const first = await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value);
    // While unlocked: the fill is recorded for the account, and no page URL is kept (the toolbar keeps a digest).
    const unlocked = await sessionStorage();
    expect(JSON.stringify(unlocked[SESSION_KEYS.filledSteps])).toContain(accountId);
    expect(JSON.stringify(unlocked)).not.toContain('QUERY-SECRET-42');
    expect(JSON.stringify(unlocked)).not.toContain('/challenge');

    await callFromPage(popup, 'lock', {});
    const after = await sessionStorage();
    expect(after).not.toHaveProperty(SESSION_KEYS.filledSteps);
    // What is left: origin → the moment the filled step ends; no account, no document, no URL.
    const origins = after[SESSION_KEYS.filledOrigins] as Record<string, number>;
    expect(Object.keys(origins)).toEqual([origin]);
    expect(origins[origin]).toBeGreaterThan(Date.now());
    expect(JSON.stringify(after)).not.toContain(accountId);
    expect(JSON.stringify(after)).not.toContain('QUERY-SECRET-42');

    // Unlocked again: the page asking again is never handed the code it was just given.
    await callFromPage(popup, 'unlock', { password: MASTER });
    await page.reload();
    await new Promise((r) => setTimeout(r, 2_000));
    const second = await page.$eval('input[name="code"]', (el) => (el as HTMLInputElement).value);
    expect(second).not.toBe(first);
    await page.close();
    await popup.close();
  });
});


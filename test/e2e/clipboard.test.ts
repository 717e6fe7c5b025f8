// A copied code leaves the clipboard when it expires (offscreen document in real Chromium), other text stays.
import { afterEach, describe, expect, it } from 'vitest';
import type { Page, WebWorker } from 'puppeteer-core';
import { generateCode } from '../../src/shared/index.ts';
import { launchWithExtension, type Harness } from './harness.ts';
import { callFromPage, createVaultThroughUi, totp } from './popup-driver.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
/** The shortest period that still leaves time to see the code in the clipboard before it expires. */
const PERIOD_S = 10;
const PENDING_KEY = 'keyfob-clipboard-pending';

/** Reads the clipboard as an extension page with clipboardRead does (a paste into a scratch field). */
async function readClipboard(reader: Page): Promise<string> {
  return reader.evaluate(() => {
    const area = document.createElement('textarea');
    document.body.append(area);
    area.focus();
    const ok = document.execCommand('paste');
    const text = area.value;
    area.remove();
    if (!ok) throw new Error('paste refused');
    return text;
  });
}

/** Puts other text on the clipboard, as copying from any other place would. */
async function writeClipboard(reader: Page, text: string): Promise<void> {
  await reader.bringToFront();
  await reader.evaluate((t: string) => navigator.clipboard.writeText(t), text);
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
async function pollUntil<T>(what: string, deadlineMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function pendingClear(worker: WebWorker): Promise<unknown> {
  return worker.evaluate(async (key: string) => (await chrome.storage.session.get(key))[key] ?? null, PENDING_KEY);
}

/** Adds a short-period account through the background, opens the popup, and clicks the row like a user. */
async function copyCodeFromPopup(h: Harness): Promise<{ popup: Page; code: string; validUntil: number }> {
  const popup = await h.openPopupTab();
  await createVaultThroughUi(popup);
  await callFromPage(popup, 'addAccounts', { drafts: [{ account: { ...totp('Short', 'sam', SECRET), period: PERIOD_S } }] });
  await popup.reload();
  // Click away from period boundaries: at least 1.5 s into the period (the row redraws once a second, and this
  // side's clock must agree on which code is current) and 4 s before its end (time to read the clipboard).
  await popup.waitForFunction((p: number) => {
    const into = Date.now() % (p * 1000);
    return into > 1500 && into < p * 1000 - 4000 && /\d/.test(document.querySelector('[data-testid="code"]')?.textContent ?? '');
  }, { polling: 50 }, PERIOD_S);
  await popup.bringToFront();
  const clickedAt = Date.now();
  await popup.click('button.copy');
  await popup.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'Copied', { polling: 50 });
  const code = await generateCode({ ...totp('Short', 'sam', SECRET), period: PERIOD_S }, clickedAt);
  const validUntil = (Math.floor(clickedAt / (PERIOD_S * 1000)) + 1) * PERIOD_S * 1000;
  return { popup, code, validUntil };
}

describe('clipboard clearing', () => {
  let h: Harness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });

  it('empties the clipboard once the copied code expires', async () => {
    h = await launchWithExtension();
    const worker = await h.worker();
    const { code, validUntil } = await copyCodeFromPopup(h);
    const reader = await h.newPage(`chrome-extension://${h.extensionId}/manifest.json`);
    expect(await readClipboard(reader)).toBe(code);
    expect(await pendingClear(worker)).toMatchObject({ clearAt: validUntil });

    const emptiedAt = await pollUntil('the clipboard to be emptied', PERIOD_S * 1000 + 40_000, async () =>
      (await readClipboard(reader)) === '' ? Date.now() : undefined);
    // Never before the code expired: a code still current stays where the user put it.
    expect(emptiedAt).toBeGreaterThanOrEqual(validUntil);
    expect(await pendingClear(worker)).toBeNull();
    console.log(`clipboard emptied ${emptiedAt - validUntil} ms after the code expired`);
  });

  it('still empties the clipboard when the worker was stopped before the code expired (alarm backstop)', async () => {
    h = await launchWithExtension();
    const { popup, code, validUntil } = await copyCodeFromPopup(h);
    const reader = await h.newPage(`chrome-extension://${h.extensionId}/manifest.json`);
    expect(await readClipboard(reader)).toBe(code);
    // Asked from a page, not the worker: a DevTools session attached to the worker keeps it from stopping.
    const alarm = await reader.evaluate(async () => (await chrome.alarms.get('keyfob-clipboard-clear'))?.scheduledTime ?? null);
    expect(alarm).toBe(validUntil);
    // The open popup refreshes codes through the worker and would wake it: close it, then stop the worker.
    await popup.close();
    const workers = () => h!.browser.targets().filter((t) => t.type() === 'service_worker' && t.url().includes(h!.extensionId));
    const cdp = await reader.createCDPSession();
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await pollUntil('the worker to stop', 5_000, async () => (workers().length === 0 ? true : undefined));
    expect(Date.now()).toBeLessThan(validUntil); // stopped while the code was still current: its timer died with it

    const emptiedAt = await pollUntil('the clipboard to be emptied', PERIOD_S * 1000 + 60_000, async () =>
      (await readClipboard(reader)) === '' ? Date.now() : undefined);
    expect(emptiedAt).toBeGreaterThanOrEqual(validUntil);
    expect(workers().length).toBe(1); // the alarm woke it
    console.log(`worker stopped: clipboard emptied ${emptiedAt - validUntil} ms after the code expired`);
  });

  it('leaves text the user copied after the code alone', async () => {
    h = await launchWithExtension();
    const worker = await h.worker();
    const { code, validUntil } = await copyCodeFromPopup(h);
    const reader = await h.newPage(`chrome-extension://${h.extensionId}/manifest.json`);
    expect(await readClipboard(reader)).toBe(code);
    await writeClipboard(reader, 'my shopping list');
    expect(await readClipboard(reader)).toBe('my shopping list');

    // The worker forgets the pending clear once it has run: only then is "left alone" a finding.
    await pollUntil('the pending clear to run', PERIOD_S * 1000 + 40_000, async () =>
      (await pendingClear(worker)) === null ? true : undefined);
    expect(Date.now()).toBeGreaterThanOrEqual(validUntil);
    expect(await readClipboard(reader)).toBe('my shopping list');
  });
});

// Issue 24: Keyfob finds out when the device clock is off, from the Date header of a bound site where it fills (one
// HEAD request, at most hourly per site), warns in the popup with the measured offset, and on the user's choice makes
// codes for the corrected time, which the site then accepts. The lab here runs two minutes ahead of this machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { generateCode, type OtpAccount } from '../../src/shared/index.ts';
import { launchWithExtension, type Harness } from './harness.ts';
import { bindingFor, callFromExtension, forgetFilledSteps, startLab, vaultWith, verifyLabAccepted, waitForCode, type LabServer } from './autofill-setup.ts';
import { press } from './popup-driver.ts';

const SKEW_MS = 120_000;

interface ClockStatusLike { offsetMs: number | null; off: boolean; useCorrectedTime: boolean }

describe('a device clock two minutes behind the sites it signs in to', () => {
  let h: Harness;
  let lab: LabServer;
  let ext: Page;
  let account: OtpAccount;
  let challenge: string;

  beforeAll(async () => {
    lab = await startLab({ clockSkewMs: SKEW_MS });
    const session = await lab.newSession();
    account = session.account;
    challenge = `${lab.url('127.0.0.1')}${session.base}/challenge/plain`;
    h = await launchWithExtension();
    ({ ext } = await vaultWith(h, account, [bindingFor(challenge)]));
  });
  afterAll(async () => {
    await h?.close();
    await lab?.close();
  });

  it('fills a code the site refuses, learns the offset from the site\'s Date, warns, and fills accepted codes once told to', async () => {
    expect(await callFromExtension<ClockStatusLike>(ext, 'clockStatus', {})).toMatchObject({ offsetMs: null, off: false });
    const page = await h.newPage(challenge);
    await waitForCode(page, 'input[name="code"]');
    // Made from the device clock, two minutes (four steps) behind the site's: refused.
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await page.$eval('[data-testid="lab-result"]', (el) => el.textContent)).toBe('rejected');

    // The fill asked the page for its server's Date: Keyfob now knows the clock is about two minutes behind.
    const status = await ext.waitForFunction(async () => {
      const reply = await chrome.runtime.sendMessage({ keyfob: 1, method: 'clockStatus', params: {} }) as { ok: boolean; value: ClockStatusLike };
      return reply.ok && reply.value.offsetMs !== null ? reply.value : null;
    }, { polling: 200, timeout: 15_000 });
    const measured = (await status.jsonValue()) as ClockStatusLike;
    expect(Math.abs((measured.offsetMs ?? 0) - SKEW_MS)).toBeLessThan(2_000);
    expect(measured).toMatchObject({ off: true, useCorrectedTime: false });

    // The popup says so, with the offset, and offers the corrected time (off by default).
    const popup = await h.openPopupTab();
    const warning = await popup.waitForSelector('[data-testid="clock-warning"]');
    expect(await warning?.evaluate((el) => el.textContent)).toMatch(/Your device clock is 1(19|20|21) s behind the real time/);
    await press(popup, 'Use the corrected time for codes');
    await popup.waitForSelector('[data-testid="clock-notice"]');
    // The popup's codes are now the site's: those of two minutes ahead.
    const shown = await popup.waitForFunction(() => {
      const text = document.querySelector('[data-testid="code"]')?.textContent ?? '';
      return /\d{3} \d{3}/.test(text) ? { text, now: Date.now() } : null;
    }, { polling: 100 });
    const { text, now } = (await shown.jsonValue()) as { text: string; now: number };
    const near = await Promise.all([-1, 0, 1].map((k) => generateCode(account, now + SKEW_MS + k * 30_000)));
    expect(near).toContain(text.replace(/\D/g, ''));
    await popup.close();

    // And the site accepts the code Keyfob fills now.
    await forgetFilledSteps(h);
    await page.goto(challenge);
    await waitForCode(page, 'input[name="code"]');
    await verifyLabAccepted(page);
    await page.close();
  });
});

// The popup with a thousand accounts (only the rows in view exist), HOTP rows, and the dark theme.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/shared/index.ts';
import { launchWithExtension, type Harness } from './harness.ts';
import { callFromPage, MASTER, totp, waitForText } from './popup-driver.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secretFor = (i: number) => `JBSWY3DP${[0, 1, 2, 3].map((k) => BASE32[(i >> (5 * k)) & 31]).join('')}PXPA`;

describe('popup at scale', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await launchWithExtension();
    const setup = await h.openPopupTab();
    await callFromPage(setup, 'createVault', { password: MASTER });
    const drafts = Array.from({ length: 1000 }, (_, i) => ({ account: totp(`Issuer ${String(i).padStart(4, '0')}`, `user${i}`, secretFor(i)) }));
    const added = await callFromPage<{ added: unknown[] }>(setup, 'addAccounts', { drafts });
    expect(added.added).toHaveLength(1000);
    await setup.close();
  });
  afterAll(async () => { await h?.close(); });

  it('renders only the rows in view for 1,000 accounts and shows codes further down after scrolling', async () => {
    const popup = await h.openPopupTab();
    await popup.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="code"]')?.textContent ?? ''));
    const rendered = await popup.$$eval('[role="listitem"]', (rows) => rows.length);
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(30);
    expect(await popup.$eval('[role="listitem"]', (r) => r.getAttribute('aria-setsize'))).toBe('1000');
    await popup.$eval('.scroller', (s) => { s.scrollTop = s.scrollHeight; });
    await popup.waitForFunction(() => Array.from(document.querySelectorAll('[role="listitem"]'))
      .some((r) => r.textContent?.includes('Issuer 0999') && /\d{3} \d{3}/.test(r.querySelector('[data-testid="code"]')?.textContent ?? '')));
    await popup.close();
  });

  it('asks for its opening once per open, though both the boot script and the app can start it', async () => {
    const popup = await h.browser.newPage();
    // Counts every message the page sends, from before its first script runs.
    await popup.evaluateOnNewDocument(`(() => {
      const sent = window.__kfSent = {};
      const send = chrome.runtime.sendMessage.bind(chrome.runtime);
      chrome.runtime.sendMessage = (msg, ...rest) => { sent[msg.method] = (sent[msg.method] || 0) + 1; return send(msg, ...rest); };
    })();`);
    for (let open = 0; open < 3; open++) {
      await popup.goto(`chrome-extension://${h.extensionId}/extension/popup/index.html`, { waitUntil: 'domcontentloaded' });
      await popup.waitForFunction(() => /\d{3} \d{3}/.test(document.querySelector('[data-testid="code"]')?.textContent ?? ''));
      await popup.waitForFunction(() => document.querySelector('[role="listitem"]')?.getAttribute('aria-setsize') === '1000');
      // The whole list is asked for after the first paint: wait until it has arrived, not until the codes show.
      await popup.waitForSelector('[role="list"][aria-busy="false"]');
      const sent = await popup.evaluate(() => (window as unknown as { __kfSent: Record<string, number> }).__kfSent);
      expect(sent).toMatchObject({ getStatus: 1, firstScreen: 1, listAccountViews: 1 });
      expect(await popup.$eval('[role="listitem"]', (r) => r.textContent)).toContain('Issuer 0000');
    }
    await popup.close();
  });

  it('shows an HOTP code only when asked, since asking advances its counter', async () => {
    const popup = await h.openPopupTab();
    const account = { ...totp('Counter Co', 'hal', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), type: 'hotp' as const, counter: 0 };
    await callFromPage(popup, 'addAccounts', { drafts: [{ account }] });
    await popup.reload();
    const search = await popup.waitForSelector('::-p-aria(Search)');
    await search?.type('Counter Co');
    await waitForText(popup, '[data-testid="code"]', 'Get code');
    await popup.click('[role="listitem"] button.copy');
    const first = await generateCode(account);
    await waitForText(popup, '[data-testid="code"]', `${first.slice(0, 3)} ${first.slice(3)}`);
    await popup.close();
  });

  it('shows the next code beside the current one when the current is about to expire', async () => {
    const popup = await h.openPopupTab();
    // With a 5-second period every moment is "about to expire", so the next code is always on show.
    const account = { ...totp('Quick Co', 'quinn', 'MZXW6YTBOJUWU23M'), period: 5 };
    await callFromPage(popup, 'addAccounts', { drafts: [{ account }] });
    await popup.reload();
    const search = await popup.waitForSelector('::-p-aria(Search)');
    await search?.type('Quick Co');
    // Read well inside a period, away from the moment the row switches over to the new codes.
    const seen = await popup.waitForFunction(() => {
      const text = document.querySelector('[data-testid="next-code"]')?.textContent ?? '';
      const now = Date.now();
      return now % 5000 > 1500 && now % 5000 < 3500 && /\d/.test(text) ? { text, now } : null;
    }, { polling: 100 });
    const { text, now } = (await seen.jsonValue()) as { text: string; now: number };
    expect(text.replace(/\D/g, '')).toBe(await generateCode(account, now + 5000));
    await popup.close();
  });

  it('follows the system dark theme', async () => {
    const popup = await h.openPopupTab();
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const dark = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    const light = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).toBe('rgb(23, 25, 29)');
    expect(light).toBe('rgb(255, 255, 255)');
    await popup.close();
  });
});

// The built extension in real Firefox (ESR, WebDriver BiDi): it installs, its background answers, the popup works.
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../scripts/build/firefox-manifest.ts';
import { generateCode } from '../../src/shared/index.ts';
import { openExtensionPage } from './firefox-driver.ts';
import { addAcmeByHandAndReadCode, createVaultThroughUi, totp } from './popup-driver.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const root = resolve(import.meta.dirname, '../..');

describe('Firefox', () => {
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close(); browser = undefined;
  });

  it('installs the very dist/ Chromium loads, creates a vault and adds an account in the popup and shows the code generateCode gives', async () => {
    const executablePath = process.env.FIREFOX_PATH;
    if (!executablePath) throw new Error('Firefox is needed for this test (see scripts/ensure-firefox.mjs)');
    // A fixed UUID makes the moz-extension:// origin known before the add-on is installed.
    const uuid = randomUUID();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) },
      args: ['--remote-allow-system-access'],
    });
    // The one build both browsers load, untouched (a temporary add-on reads the folder in place).
    await browser.installExtension(resolve(process.env.KEYFOB_DIST ?? join(root, 'dist')));
    const popup = await browser.newPage();
    await openExtensionPage(popup, `moz-extension://${uuid}/extension/popup/index.html`);
    await createVaultThroughUi(popup);
    const { shown, now } = await addAcmeByHandAndReadCode(popup, SECRET);
    expect(shown).toMatch(/^\d{3} \d{3}$/);
    expect(shown.replace(' ', '')).toBe(await generateCode(totp('ACME', 'alice@example.com', SECRET), now));
  });
});

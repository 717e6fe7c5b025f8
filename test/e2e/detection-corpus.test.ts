// A sample of the labelled corpus of real two-factor pages in real Chromium with the built extension: every labelled
// field is filled or left alone as labelled (the whole corpus runs in `npm run bench`, module detection).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, type Harness } from './harness.ts';
import { MASTER_PASSWORD, callFromExtension } from './autofill-setup.ts';
import { runPageInChromium, samplePages, type BrowserOutcome } from './corpus-in-chromium.ts';

/**
 * Every seventh page from the second: some 22 pages with about as many fields to fill as to leave alone, across
 * authenticator, enrolment, sent-code, recovery and look-alike pages (the first test checks the mix holds).
 */
const SAMPLE = samplePages(7, 1);

describe('the corpus of real two-factor pages in Chromium', () => {
  let h: Harness;
  let ext: Page;

  beforeAll(async () => {
    h = await launchWithExtension();
    ext = await h.openPopupTab();
    await callFromExtension(ext, 'createVault', { password: MASTER_PASSWORD });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('samples both kinds of field', () => {
    const expects = SAMPLE.flatMap((p) => p.fields.map((f) => f.expect));
    expect(expects.filter((e) => e === 'fill').length).toBeGreaterThanOrEqual(8);
    expect(expects.filter((e) => e === 'leave').length).toBeGreaterThanOrEqual(8);
  });

  it.each(SAMPLE.map((p) => [p.file, p] as const))('fills or leaves alone each field of %s as labelled', async (_file, labelled) => {
    const outcomes: BrowserOutcome[] = await runPageInChromium(h, ext, labelled);
    expect(outcomes.filter((o) => o.got !== o.expect)).toEqual([]);
  });
});

// Loads corpus pages (test/fixtures/pages) in real Chromium with the built extension, each on its own loopback origin
// with an account bound to it, and reads back which labelled fields Keyfob filled. Used by detection-corpus.test.ts
// (a sample) and the detection bench (all of it).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { base32Encode, type OtpAccount } from '../../src/shared/index.ts';
import { CORPUS_DIR, readLabels, type Expect, type LabelledPage } from '../unit/content/corpus-harness.ts';
import { bindingFor, callFromExtension, settleContentScript } from './autofill-setup.ts';
import type { Harness } from './harness.ts';
import { serveStatic } from './static-server.ts';

export interface BrowserOutcome { page: string; selector: string; expect: Expect; got: Expect }

/** Every `every`-th page of the labels in their order, from the `offset`-th: both classes, many apps, a short run. */
export function samplePages(every: number, offset = 0): LabelledPage[] {
  return readLabels().pages.filter((_, i) => i % every === offset);
}

function freshAccount(issuer: string): OtpAccount {
  return { type: 'totp', issuer, account: 'corpus@example.test', secret: base32Encode(randomBytes(20)), algorithm: 'SHA1',
    digits: 6, period: 30, counter: 0 };
}

/** Whether any input matched by `selector` (several for split boxes) holds a value the page did not give it. */
function anyFilled(page: Page, selector: string): Promise<boolean> {
  return page.$$eval(selector, (els) => els.some((el) => (el as HTMLInputElement).value !== (el as HTMLInputElement).defaultValue));
}

/** The first unlabelled input that holds a value the page did not give it, as a short description. */
function unlabelledFill(page: Page, selectors: string[]): Promise<string | null> {
  return page.evaluate((sels: string[]) => {
    const labelled = new Set(sels.flatMap((s) => Array.from(document.querySelectorAll(s))));
    const textLike = ['text', 'tel', 'number', 'password', 'email', 'search', 'url'];
    const el = Array.from(document.querySelectorAll('input'))
      .find((i) => textLike.includes(i.type) && !labelled.has(i) && i.value !== i.defaultValue);
    return el ? el.outerHTML.slice(0, 120) : null;
  }, selectors);
}

/**
 * Opens one corpus page on a new origin with its own bound account. A field labelled "fill" is waited for (up to
 * `fillTimeout`); fields labelled "leave" are read once the content script has settled (and any fill has landed).
 */
export async function runPageInChromium(h: Harness, ext: Page, labelled: LabelledPage, fillTimeout = 10_000): Promise<BrowserOutcome[]> {
  const server = await serveStatic({ '/': readFileSync(join(CORPUS_DIR, labelled.file), 'utf8') });
  const page = await h.newPage();
  try {
    const origin = bindingFor(server.url);
    await callFromExtension(ext, 'addAccounts', { drafts: [{ account: freshAccount(labelled.app), origins: [origin] }] });
    await page.goto(`${server.url}/`);
    const outcomes: BrowserOutcome[] = [];
    for (const field of labelled.fields.filter((f) => f.expect === 'fill')) {
        const filled = await page.waitForFunction((sel: string) => Array.from(document.querySelectorAll(sel))
        .some((el) => (el as HTMLInputElement).value !== (el as HTMLInputElement).defaultValue), { timeout: fillTimeout }, field.selector)
        .then(() => true, () => false);
      outcomes.push({ page: labelled.file, selector: field.selector, expect: 'fill', got: filled ? 'fill' : 'leave' });
    }
    await settleContentScript(h, ext, page);
    for (const field of labelled.fields.filter((f) => f.expect === 'leave')) {
      outcomes.push({ page: labelled.file, selector: field.selector, expect: 'leave', got: (await anyFilled(page, field.selector)) ? 'fill' : 'leave' });
    }
    const stray = await unlabelledFill(page, labelled.fields.map((f) => f.selector));
    if (stray) outcomes.push({ page: labelled.file, selector: `(unlabelled) ${stray}`, expect: 'leave', got: 'fill' });
    return outcomes;
  } finally {
    await page.close();
    await server.close();
  }
}

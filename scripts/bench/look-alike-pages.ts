// Bench (issue 21): what the look-alike warning costs where the user meets it, in real headless Chromium on the attack lab's host names.
// The popup over a look-alike tab (warning shown, the imitated account's code hidden) against the popup over an
// unrelated tab (every visible code shown), with 10 / 100 / 1,000 bound accounts; then, with all of them, the click
// on the key button to the warning drawn in a look-alike page against the same click to the key button drawn again in
// an unrelated page (no account belongs there). Standalone: `npx tsx scripts/bench/look-alike-pages.ts [--quick]`.
import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { Page } from 'puppeteer-core';
import { base32Encode, type OtpAccount } from '../../src/shared/index.ts';
import { challengePage, startAttackSites, type AttackSites } from '../../test/e2e/attacks/sites.ts';
import { clickKeyfobButton, keyfobHost } from '../../test/e2e/attacks/inline-ui-driver.ts';
import { nextKeyfobPage, tabIdOf } from '../../test/e2e/keyfob-window.ts';
import type { Harness } from '../../test/e2e/harness.ts';
import { ensureBuild } from './extension-build.ts';
import { call, codeWatchingPage, timeToFirstCode } from './popup-timing.ts';
import { runIfMain } from './standalone.ts';
import { median, type BenchOptions, type BenchRow } from './types.ts';

const SIZES = [10, 100, 1000];
const BANK = 'https://bank.test';
/** A homograph of the bank (Cyrillic а), the look-alike kind a reader cannot see; `*.test` resolves to the lab. */
const LOOK_ALIKE = `https://${domainToASCII('bаnk.test')}`;
/** Unrelated to every bound site, with a code field of its own: the ordinary page. */
const ORDINARY = 'https://stripe.test';
const FIELD = 'input[name="code"]';

function totp(issuer: string, account: string): OtpAccount {
  return { type: 'totp', issuer, account, secret: base32Encode(randomBytes(20)), algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
}

/** The bank first (so its row is on the first screen), then accounts each bound to a site of its own. */
function drafts(from: number, to: number, bankOrigin: string): { account: OtpAccount; origins: string[] }[] {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return i === 0 ? { account: totp('Bank', 'alice'), origins: [bankOrigin] }
      : { account: totp(`Issuer ${i}`, `user${i}@example.com`), origins: [`https://login.issuer${i}.com`] };
  });
}

/**
 * Installed before any popup script runs: notes when the warning is on screen with the imitated account's code hidden
 * and every other visible row showing digits, and when (if ever) the bank's row showed digits before that.
 */
// A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
const WATCH_FOR_WARNING = `(() => {
  const seen = window.__kfWarning = {};
  const observer = new MutationObserver(() => {
    const rows = Array.from(document.querySelectorAll('[role="listitem"]'));
    const codes = rows.map((r) => (r.querySelector('[data-testid="code"]') || {}).textContent || '');
    const bank = rows.findIndex((r) => (r.textContent || '').includes('Bank'));
    if (seen.bankDigitsMs === undefined && bank >= 0 && /\\d/.test(codes[bank])) {
      seen.bankDigitsMs = performance.now();
      // The second frame's callback runs only once the first frame, the one with those digits, was produced.
      requestAnimationFrame(() => requestAnimationFrame(() => { if (seen.ms === undefined) seen.bankPainted = true; }));
    }
    if (!document.querySelector('[data-testid="look-alike-warning"]')) return;
    const hidden = codes.filter((c) => c !== '' && !/\\d/.test(c) && !c.includes('·'));
    if (hidden.length === 0 || !codes.every((c) => /\\d/.test(c) || hidden.includes(c))) return;
    seen.ms = performance.now();
    seen.rows = codes.length;
    seen.hidden = hidden.length;
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

interface Warned { ms: number; rows: number; hidden: number; bankDigitsMs?: number; bankPainted?: boolean }

/** Milliseconds from the popup's navigation start until the warning is shown and the imitated code hidden. */
async function timeToWarning(page: Page, url: string): Promise<Warned> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const handle = await page.waitForFunction(() => {
    const seen = (window as unknown as { __kfWarning?: { ms?: number } }).__kfWarning;
    return seen?.ms === undefined ? null : seen;
  }, { polling: 50, timeout: 30_000 });
  return (await handle.jsonValue()) as Warned;
}

/** A lab page with a code field whose content script has asked about it (so the background knows its origin). */
async function codeFieldPage(h: Harness, origin: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.newPage(`${origin}/challenge`);
  await keyfobHost(page, FIELD);
  return { page, tabId: await tabIdOf(h, page) };
}

/**
 * The popup over each tab, opened as Keyfob's window opens it (`?tab=N`, so the page script can watch from navigation
 * start; the real toolbar popup starts before anything can be installed in it), alternating which goes first.
 */
async function popupRows(h: Harness, popupUrl: string, sites: AttackSites, setup: Page, opts: BenchOptions): Promise<BenchRow[]> {
  const ordinary = await codeFieldPage(h, sites.origin(ORDINARY));
  const lookAlike = await codeFieldPage(h, sites.origin(LOOK_ALIKE));
  const over = (tabId: number) => `${popupUrl}?tab=${tabId}`;
  const runs = opts.quick ? 3 : 9;
  const rows: BenchRow[] = [];
  let have = 0;
  for (const size of SIZES) {
    await call(setup, 'addAccounts', { drafts: drafts(have, size, sites.origin(BANK)) });
    have = size;
    const page = await codeWatchingPage(h.browser);
    await page.evaluateOnNewDocument(WATCH_FOR_WARNING);
    // Warm-up: the worker's index and the look-alike index for this vault are built on the first asks.
    await timeToFirstCode(page, over(ordinary.tabId));
    await timeToWarning(page, over(lookAlike.tabId));
    const plain: number[] = [];
    const warned: number[] = [];
    const pairs: number[] = [];
    const shownFirst: number[] = [];
    let painted = 0;
    let shape = { rows: 0, hidden: 0 };
    for (let i = 0; i < runs; i++) {
      const timePlain = async () => (await timeToFirstCode(page, over(ordinary.tabId))).ms;
      const timeWarned = async () => {
        const r = await timeToWarning(page, over(lookAlike.tabId));
        shape = r;
        if (r.bankDigitsMs !== undefined && r.bankDigitsMs < r.ms) shownFirst.push(r.ms - r.bankDigitsMs);
        if (r.bankPainted === true) painted++;
        return r.ms;
      };
      let p: number;
      let w: number;
      if (i % 2 === 0) { p = await timePlain(); w = await timeWarned(); } else { w = await timeWarned(); p = await timePlain(); }
      plain.push(p);
      warned.push(w);
      pairs.push(w / p);
    }
    // The ordinary tab must really be the baseline: no warning over it, even late.
    await timeToFirstCode(page, over(ordinary.tabId));
    await new Promise((r) => setTimeout(r, 300));
    if (await page.$('[data-testid="look-alike-warning"]')) throw new Error(`${ORDINARY} got the look-alike warning`);
    await page.close();
    rows.push({
      name: `popup over a look-alike tab, ${size} accounts`,
      value: median(warned),
      unit: 'ms',
      baseline: median(plain),
      baselineName: 'popup over an unrelated tab, every code shown',
      note: `navigation start to the warning shown, ${shape.hidden} of ${shape.rows} rows hidden (homograph of bank.test); `
        + `median of ${runs} alternating pairs, median pair ratio ${median(pairs).toFixed(2)}; `
        + `the imitated code was in the list before the warning in ${shownFirst.length} of ${runs} opens`
        + (shownFirst.length ? ` (median ${median(shownFirst).toFixed(0)} ms), painted in ${painted}` : ''),
    });
  }
  await ordinary.page.close();
  await lookAlike.page.close();
  return rows;
}

/**
 * Notes, from the page's side, the user's click (its event time) and the first frame after Keyfob put a new control
 * under <html> (the warning over the field, or the key button again), with that control's box against the field's.
 */
const WATCH_THE_ANSWER = `(() => {
  const seen = window.__kfAnswer = {};
  addEventListener('click', (e) => { if (e.isTrusted && seen.clickAt === undefined) seen.clickAt = e.timeStamp; }, true);
  new MutationObserver((records) => {
    if (seen.clickAt === undefined || seen.insertedAt !== undefined) return;
    const host = records.flatMap((r) => Array.from(r.addedNodes)).find((n) => n instanceof Element && n.parentNode === document.documentElement
      && n !== document.head && n !== document.body);
    if (!host) return;
    seen.insertedAt = performance.now();
    const box = host.getBoundingClientRect();
    seen.coversField = box.width === document.querySelector('${FIELD}').getBoundingClientRect().width;
    requestAnimationFrame(() => { seen.drawnAt = performance.now(); });
  }).observe(document.documentElement, { childList: true });
})();`;

interface Answer { clickAt: number; insertedAt: number; drawnAt: number; coversField: boolean }

/** One user's ask on `origin`'s challenge page: the click, to Keyfob's answer drawn in the page. */
async function askOnce(h: Harness, origin: string, expectWarning: boolean): Promise<number> {
  const page = await h.newPage(`${origin}/challenge`);
  try {
    await keyfobHost(page, FIELD);
    await page.evaluate(WATCH_THE_ANSWER);
    const opened = nextKeyfobPage(h);
    // The driver waits until the button stood still and the pointer rested on it; the clock starts at the click.
    await clickKeyfobButton(page, FIELD);
    const handle = await page.waitForFunction(() => {
      const seen = (window as unknown as { __kfAnswer?: { drawnAt?: number } }).__kfAnswer;
      return seen?.drawnAt === undefined ? null : seen;
    }, { polling: 20, timeout: 15_000 });
    const answer = (await handle.jsonValue()) as Answer;
    await (await opened).close();
    if (answer.coversField !== expectWarning) throw new Error(`${origin}: expected ${expectWarning ? 'the warning' : 'the key button'} after the click`);
    return answer.drawnAt - answer.clickAt;
  } finally {
    await page.close();
  }
}

async function keyButtonRows(h: Harness, sites: AttackSites, opts: BenchOptions): Promise<BenchRow[]> {
  const runs = opts.quick ? 3 : 7;
  const lookAlike = sites.origin(LOOK_ALIKE);
  const ordinary = sites.origin(ORDINARY);
  await askOnce(h, ordinary, false);
  await askOnce(h, lookAlike, true);
  const plain: number[] = [];
  const warned: number[] = [];
  const pairs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const first = i % 2 === 0;
    const a = await askOnce(h, first ? ordinary : lookAlike, !first);
    const b = await askOnce(h, first ? lookAlike : ordinary, first);
    const [p, w] = first ? [a, b] : [b, a];
    plain.push(p);
    warned.push(w);
    pairs.push(w / p);
  }
  return [{
    name: `key button click to look-alike warning drawn, ${SIZES.at(-1)} accounts`,
    value: median(warned),
    unit: 'ms',
    baseline: median(plain),
    baselineName: 'the same click on an unrelated page, key button drawn again',
    note: `trusted click after the button stood still, to the first frame with Keyfob's new control in the page `
      + `(both also open Keyfob's window); median of ${runs} alternating pairs, median pair ratio ${median(pairs).toFixed(2)}`,
  }];
}

export async function benchLookAlikePages(opts: BenchOptions): Promise<BenchRow[]> {
  const cleanup = ensureBuild('look-alike-pages');
  // After ensureBuild: the harness reads KEYFOB_DIST when it is imported.
  const { launchWithExtension } = await import('../../test/e2e/harness.ts');
  const sites = await startAttackSites({ '* /challenge': challengePage() });
  let h: Harness | undefined;
  try {
    h = await launchWithExtension({ extraArgs: sites.chromiumArgs });
    const setup = await h.openPopupTab();
    await call(setup, 'createVault', { password: 'bench master password 1' });
    const popupUrl = setup.url();
    return [...await popupRows(h, popupUrl, sites, setup, opts), ...await keyButtonRows(h, sites, opts)];
  } finally {
    await h?.close();
    await sites.close();
    cleanup();
  }
}

runIfMain(import.meta.url, benchLookAlikePages);

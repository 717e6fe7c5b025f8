// How the popup benches time the first codes: a page that notes, from inside, the moment every rendered row shows
// digits, and the one call they make to the background. Shared by popup.ts and popup-icons.ts.
import type { Browser, Page } from 'puppeteer-core';

export async function call<T>(page: Page, method: string, params: unknown): Promise<T> {
  const reply = await page.evaluate((m: string, p: unknown) => chrome.runtime.sendMessage({ keyfob: 1, method: m, params: p }), method, params) as
    { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message ?? 'failed'}`);
  return reply.value as T;
}

/**
 * Installed before any page script runs: notes the moment every rendered row shows digits. Waiting from Node instead
 * would only start looking after `goto` returned, and a fast popup would be timed by the harness's round trip.
 */
// A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
const WATCH_FOR_CODES = `(() => {
  const observer = new MutationObserver(() => {
    const codes = Array.from(document.querySelectorAll('[role="listitem"] [data-testid="code"]'));
    if (window.__kfFirstCode || codes.length === 0 || !codes.every((c) => /\\d/.test(c.textContent || ''))) return;
    window.__kfFirstCode = { ms: performance.now(), rows: codes.length };
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** A page that reports, on each navigation, when the first codes were on screen. */
export async function codeWatchingPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(WATCH_FOR_CODES);
  return page;
}

/** Milliseconds from the popup document's navigation start until every rendered row shows digits. */
export async function timeToFirstCode(page: Page, url: string): Promise<{ ms: number; rows: number }> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const handle = await page.waitForFunction(() => (window as unknown as { __kfFirstCode?: unknown }).__kfFirstCode ?? null,
    { polling: 50, timeout: 30_000 });
  return (await handle.jsonValue()) as { ms: number; rows: number };
}

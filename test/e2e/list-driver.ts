// Reads and drags the popup's account list the way a person sees and uses it: the issuers top to bottom, a row's drag
// handle, a drag with the mouse in steps. Shared by the organising and the organise-sync tests.
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { ROW_HEIGHT } from '../../extension/popup/list-geometry.ts';

/** The issuers of the rows in the list, top to bottom. */
export async function issuers(page: Page): Promise<string[]> {
  return page.$$eval('[role="listitem"] .issuer', (els) => els.map((e) => e.textContent ?? ''));
}

export async function waitForIssuers(page: Page, want: string[]): Promise<void> {
  await page.waitForFunction((w: string[]) => JSON.stringify(Array.from(document.querySelectorAll('[role="listitem"] .issuer'))
    .map((e) => e.textContent ?? '')) === JSON.stringify(w), { polling: 50, timeout: 5000 }, want)
    .catch(async () => { expect(await issuers(page)).toEqual(want); });
}

/** The middle of the drag handle of the row at `place` (from 1), scrolled into view. */
export async function handleAt(page: Page, place: number): Promise<{ x: number; y: number }> {
  const row = await page.waitForSelector(`[role="listitem"][aria-posinset="${place}"]`);
  await row!.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
  const box = (await row!.boundingBox())!;
  const at = { x: box.x + 10, y: box.y + box.height / 2 };
  // What the user would grab there is the handle, not the row under it.
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.getAttribute('data-testid'), at)).toBe('drag-handle');
  return at;
}

/** Presses the mouse on the handle of the row at `from` and moves it by whole rows, in steps, without letting go. */
export async function carry(page: Page, from: number, rows: number): Promise<{ x: number; y: number }> {
  const start = await handleAt(page, from);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const end = { x: start.x, y: start.y + rows * ROW_HEIGHT };
  await page.mouse.move(end.x, end.y, { steps: 8 });
  return end;
}

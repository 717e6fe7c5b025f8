// Checks that Keyfob's in-page UI leaves every control of the page usable: a person's click at the centre of each
// button, link, field, checkbox or label on screen still reaches that control while Keyfob's UI is shown.
import type { Page } from 'puppeteer-core';

/** The same notion of "control" as the content script's free-spot.ts, seen from the page. */
const CONTROLS = 'a[href],button,input:not([type="hidden"]),select,textarea,label,summary,[role="button"],[role="link"],'
  + '[role="checkbox"],[role="radio"],[role="tab"],[tabindex]:not([tabindex="-1"])';

/** Each control on screen whose centre hits something else (described), or [] when every one is reachable. */
export function blockedControls(page: Page): Promise<string[]> {
  return page.evaluate((selector: string) => {
    const blocked: string[] = [];
    for (const el of Array.from(document.querySelectorAll(selector))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.bottom < 0 || box.right < 0 || box.top > innerHeight || box.left > innerWidth) continue;
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === el || el.contains(hit))) continue;
      blocked.push(`${el.localName}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" hit ${hit?.localName ?? 'nothing'}`);
    }
    return blocked;
  }, CONTROLS);
}

// Test driver for Keyfob's in-page button (closed shadow root): finds it, clicks it as a user would (a trusted
// click at its centre once it has stood still), and reads its label from the accessibility tree, which pages cannot.
import type { BoundingBox, ElementHandle, Frame, Page } from 'puppeteer-core';

/** Keyfob accepts a click only on a control that stood still this long (MIN_STEADY_MS plus the visibility check's delay). */
const STEADY_MS = 1_000;

type Scope = Page | Frame;

/**
 * Keyfob's hosts as a page would have to look for them: the tag is random per document, so what is left is "an element
 * of its own under <html>, beside head and body" (what any extension's in-page UI looks like).
 */
export const KEYFOB_HOST = ':root > :not(head):not(body)';

function pageOf(scope: Scope): Page {
  return 'page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page);
}

function contains(box: BoundingBox, x: number, y: number): boolean {
  return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

/**
 * Keyfob's visible control in `scope`; with `field`, the one drawn inside that input (several fields, several buttons).
 * The host is a child of <html>, so the page's own DOM queries find it too: only what is inside is closed.
 */
export async function keyfobHost(scope: Scope, field?: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const fieldBox = field ? await (await scope.$(field))?.boundingBox() : null;
    for (const host of await scope.$$(KEYFOB_HOST)) {
      const box = await host.boundingBox();
      if (!box || box.width === 0) continue;
      if (!field) return host;
      if (fieldBox && contains(fieldBox, box.x + box.width / 2, box.y + box.height / 2)) return host;
    }
    if (Date.now() > deadline) throw new Error(`no Keyfob button${field ? ` in ${field}` : ''} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the host's box has not changed for STEADY_MS and returns it. */
export async function steadyBox(host: ElementHandle<Element>, steadyMs = STEADY_MS): Promise<BoundingBox> {
  let last: BoundingBox | null = null;
  let since = Date.now();
  for (;;) {
    const box = await host.boundingBox();
    if (!box) throw new Error('the Keyfob button is not rendered');
    const same = last && box.x === last.x && box.y === last.y && box.width === last.width && box.height === last.height;
    if (!same) { last = box; since = Date.now(); }
    if (Date.now() - since >= steadyMs) return box;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A user's click on Keyfob's button: trusted mouse input at its centre, after it has stood still on screen and the
 * pointer has rested on it a moment (as a person's does; in a frame, that is how Keyfob sees the frame stand still).
 */
export async function clickKeyfobButton(scope: Scope, field?: string): Promise<void> {
  const box = await steadyBox(await keyfobHost(scope, field));
  const mouse = pageOf(scope).mouse;
  await mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await new Promise((r) => setTimeout(r, 700));
  await mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * The button's accessible name (its label), read from Chromium's accessibility tree over CDP. Pages have no such
 * API, and host.shadowRoot is null for them; null when no button is found.
 */
export async function keyfobButtonLabel(scope: Scope, field?: string): Promise<string | null> {
  const host = await keyfobHost(scope, field);
  const tree = await pageOf(scope).accessibility.snapshot({ root: host, interestingOnly: false });
  const stack = tree ? [tree] : [];
  while (stack.length) {
    const node = stack.pop();
    if (!node) break;
    if (node.role === 'button') return node.name ?? null;
    stack.push(...(node.children ?? []));
  }
  return null;
}

/** Every text Keyfob's control in `scope` shows (read from the accessibility tree, as keyfobButtonLabel), joined. */
export async function keyfobControlText(scope: Scope, field?: string): Promise<string> {
  const host = await keyfobHost(scope, field);
  const tree = await pageOf(scope).accessibility.snapshot({ root: host, interestingOnly: false });
  const names: string[] = [];
  const stack = tree ? [tree] : [];
  while (stack.length) {
    const node = stack.pop();
    if (!node) break;
    if (node.name) names.push(node.name);
    stack.push(...(node.children ?? []));
  }
  return names.join(' ');
}

// Where the asking document sits in its tab: the top page, a frame whose every ancestor is of its own origin, or a
// frame below another origin somewhere up the chain (which a framing page could overlay and steer, so it never gets a
// code without the user's click). The chain comes from the asking frame's own content script, which reads it from the
// browser (Chromium's location.ancestorOrigins; in Firefox, which lacks it, each parent it can reach), never from the page.
import { isBoundOrigin, originOfUrl } from '../../../src/shared/index.ts';
import { sendToContent } from './content-port.ts';

export type FrameRelation = 'top' | 'same-origin' | 'cross-origin';

/** The ancestors' origins as the content script reports them, nearest parent first; 'null' for one it cannot read. */
export type AncestorOrigins = readonly string[];

/** The URL of the tab's top document, as our content script there reports it (browser-set `location`). */
export async function topPageOf(tabId: number): Promise<string | null> {
  const ping = await sendToContent({ tabId, frameId: 0 }, 'contentPing', {});
  return ping ? ping.href : null;
}

/** The origin of the tab's top document. */
export async function topOriginOf(tabId: number): Promise<string | null> {
  const href = await topPageOf(tabId);
  return href === null ? null : originOfUrl(href);
}

/**
 * How the asking document relates to its tab's top page: `same-origin` only when every ancestor is of its origin
 * (bank → evil → bank is cross-origin: evil frames the inner bank). No message to the top frame is needed, so a frame
 * that asks before the top document's content script exists is judged the same as one that asks later.
 */
export function frameRelation(ask: { frameId: number; origin: string }, ancestors: AncestorOrigins): FrameRelation {
  if (ask.frameId === 0) return 'top';
  return ancestors.length > 0 && ancestors.every((a) => a === ask.origin) ? 'same-origin' : 'cross-origin';
}

/**
 * For the one account that would fill: the frame counts as the account's own page only when every frame from the top
 * down to it is of an origin bound to that account (bank → sso.bank, both bound, is the bank's own page).
 */
export function relationForAccount(ask: { frameId: number; origin: string }, ancestors: AncestorOrigins, bound: readonly string[]): FrameRelation {
  if (ask.frameId === 0) return 'top';
  return ancestors.length > 0 && ancestors.every((a) => isBoundOrigin(bound, a)) ? 'same-origin' : 'cross-origin';
}

/** The top page's origin for Keyfob's window: the chain's last entry when readable, else asked of the top frame. */
export async function topOriginFor(ask: { tabId: number; frameId: number; origin: string }, ancestors: AncestorOrigins): Promise<string | null> {
  if (ask.frameId === 0) return ask.origin;
  const last = ancestors[ancestors.length - 1];
  if (last !== undefined && last !== 'null' && originOfUrl(last) === last) return last;
  return topOriginOf(ask.tabId);
}

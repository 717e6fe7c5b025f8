// Where the asking document sits in its tab: the top page, a frame of the top page's origin, or a frame of another
// origin (which a framing page could overlay and steer, so it never gets a code without the user's click).
import { originOfUrl } from '../../../src/shared/index.ts';
import { sendToContent } from './content-port.ts';

export type FrameRelation = 'top' | 'same-origin' | 'cross-origin';

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

/** How the asking document relates to its tab's top page; an unknown top page counts as another origin. */
export async function frameRelation(ask: { tabId: number; frameId: number; origin: string }): Promise<{ relation: FrameRelation; topOrigin: string | null }> {
  if (ask.frameId === 0) return { relation: 'top', topOrigin: ask.origin };
  const topOrigin = await topOriginOf(ask.tabId);
  return { relation: topOrigin === ask.origin ? 'same-origin' : 'cross-origin', topOrigin };
}

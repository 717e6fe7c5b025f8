// Scan QR code: captures the visible tab and decodes every QR in it, then falls back to the page's own
// <img>/<canvas>/<svg> elements; also decodes image files. Returns plain outcomes for the screens.
import { collectQrCandidates, type QrCandidateReport } from '../../content/qr-candidates.ts';
import { activeTab, captureVisibleTab, runInTab } from '../browser.ts';
import { siteOfUrl } from '../site-lazy.ts';
import { decodeQrPixels } from './decode-qr.ts';
import { decodeImageSource, pixelsOf, type Crop } from './image-data.ts';
import { classifyPayloads, type ClassifiedPayloads } from './qr-payloads.ts';

export type ScanOutcome =
  | { kind: 'found'; found: ClassifiedPayloads; site: string | null; via: ScanPass }
  | { kind: 'restricted'; message: string }
  | { kind: 'none'; message: string };

/** Which decode pass found the codes: kept for diagnostics and tests. */
export type ScanPass = 'capture' | 'capture-crop' | 'element' | 'image';

export const RESTRICTED_MESSAGE = 'Keyfob cannot look at this page: browser pages, the web store and other extensions are protected. '
  + 'Take a screenshot and import it as an image instead.';
const NONE_MESSAGE = 'No QR code found on this page. Scroll the code into view, or import a screenshot of it.';

function isRestrictedUrl(url: string | null): boolean {
  if (!url) return true;
  let u: URL;
  try { u = new URL(url); } catch { return true; }
  if (!['http:', 'https:', 'file:'].includes(u.protocol)) return true;
  return u.hostname === 'chromewebstore.google.com'
    || (u.hostname === 'chrome.google.com' && u.pathname.startsWith('/webstore'));
}

const nextFrames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/** Chromium sometimes fails a capture right after a navigation ("image readback failed"); once more helps. */
async function captureWithRetry(windowId: number): Promise<string> {
  try {
    return await captureVisibleTab(windowId);
  } catch (err) {
    if (!(err instanceof Error) || !/readback/i.test(err.message)) throw err;
    await nextFrames();
    await new Promise((r) => setTimeout(r, 500)); // captureVisibleTab allows two calls per second
    return captureVisibleTab(windowId);
  }
}

function visibleCrop(rect: Crop, scale: number, bitmap: ImageBitmap): Crop | null {
  const x = Math.max(0, Math.floor(rect.x * scale));
  const y = Math.max(0, Math.floor(rect.y * scale));
  const right = Math.min(bitmap.width, Math.ceil((rect.x + rect.width) * scale));
  const bottom = Math.min(bitmap.height, Math.ceil((rect.y + rect.height) * scale));
  return right - x >= 8 && bottom - y >= 8 ? { x, y, width: right - x, height: bottom - y } : null;
}

async function decodeSource(source: Blob | string, opts: { pad?: boolean } = {}): Promise<string[]> {
  const bitmap = await decodeImageSource(source);
  try {
    return await decodeQrPixels(pixelsOf(bitmap, undefined, opts));
  } finally {
    bitmap.close();
  }
}

async function decodeCandidates(tabId: number, capture: string): Promise<{ payloads: string[]; via: ScanPass }> {
  let frames: { frameId: number; result: QrCandidateReport }[];
  try {
    frames = await runInTab(tabId, collectQrCandidates);
  } catch {
    return { payloads: [], via: 'element' };
  }
  const found: string[] = [];
  const shot = await decodeImageSource(capture);
  try {
    // The capture is in device pixels: capturedWidth / innerWidth covers both DPR and page zoom.
    const top = frames.find((f) => f.frameId === 0)?.result;
    const scale = top ? shot.width / top.innerWidth : 1;
    for (const c of top?.candidates ?? []) {
      const crop = visibleCrop(c.rect, scale, shot);
      if (crop) found.push(...await decodeQrPixels(pixelsOf(shot, crop, { pad: true })));
    }
  } finally {
    shot.close();
  }
  if (found.length > 0) return { payloads: found, via: 'capture-crop' };
  for (const frame of frames) {
    for (const c of frame.result?.candidates ?? []) {
      if (!c.dataUrl) continue;
      try { found.push(...await decodeSource(c.dataUrl, { pad: true })); } catch { /* an unreadable element is not fatal */ }
    }
  }
  return { payloads: found, via: 'element' };
}

function outcomeOf(payloads: string[], site: string | null, via: ScanPass): ScanOutcome {
  if (payloads.length === 0) return { kind: 'none', message: NONE_MESSAGE };
  return { kind: 'found', found: classifyPayloads(payloads), site, via };
}

export async function scanActiveTab(): Promise<ScanOutcome> {
  const tab = await activeTab();
  if (!tab || isRestrictedUrl(tab.url)) return { kind: 'restricted', message: RESTRICTED_MESSAGE };
  let capture: string;
  try {
    capture = await captureWithRetry(tab.windowId);
  } catch {
    return { kind: 'restricted', message: RESTRICTED_MESSAGE };
  }
  const site = tab.url ? await siteOfUrl(tab.url) : null;
  const whole = await decodeSource(capture);
  if (whole.length > 0) return outcomeOf(whole, site, 'capture');
  const fallback = await decodeCandidates(tab.id, capture);
  return outcomeOf(fallback.payloads, site, fallback.via);
}

/** A screenshot or photo chosen by the user; not bound to any site. */
export async function scanImage(source: Blob | string): Promise<ScanOutcome> {
  let payloads: string[];
  try {
    payloads = await decodeSource(source);
    // A tightly cropped screenshot has no quiet zone around the code; a white border restores it.
    if (payloads.length === 0) payloads = await decodeSource(source, { pad: true });
  } catch {
    return { kind: 'none', message: 'That file is not an image Keyfob can read.' };
  }
  if (payloads.length === 0) return { kind: 'none', message: 'No QR code found in that image.' };
  return outcomeOf(payloads, null, 'image');
}

// Scan QR code: captures the visible tab and decodes every QR in it, then falls back to the page's own
// <img>/<canvas>/<svg> elements (alone when the browser refuses the capture); also decodes image files. Returns plain outcomes for the screens.
import { t } from '../../i18n.ts';
import { originOfUrl } from '../../../src/shared/origin.ts';
import { collectQrCandidates, type QrCandidateReport } from './page-qr-candidates.ts';
import { activeTab, captureVisibleTab, runInTab } from '../browser.ts';
import { decodeQrPixels } from './decode-qr.ts';
import { decodeImageSource, pixelsOf, type Crop } from './image-data.ts';
import { classifyPayloads, type ClassifiedPayloads } from './qr-payloads.ts';

/**
 * Where a scanned account may be bound: the origins the user can choose from, and the one known to have shown the
 * code (null when the capture cannot tell the top page from a frame of another origin: the user must pick).
 */
export interface ScanBinding {
  origins: string[];
  shownBy: string | null;
  /** The top page's own favicon (page-icon.ts), for an account bound to that page's origin only. */
  siteIcon?: { origin: string; data: string };
}

export type ScanOutcome =
  | { kind: 'found'; found: ClassifiedPayloads; binding: ScanBinding; via: ScanPass }
  | { kind: 'restricted'; message: string }
  | { kind: 'none'; message: string };

/** Which decode pass found the codes: kept for diagnostics and tests. */
export type ScanPass = 'capture' | 'capture-crop' | 'element' | 'image';



function isRestrictedUrl(url: string | null): boolean {
  if (!url) return true;
  let u: URL;
  try { u = new URL(url); } catch { return true; }
  if (!['http:', 'https:', 'file:'].includes(u.protocol)) return true;
  return u.hostname === 'chromewebstore.google.com'
    || (u.hostname === 'chrome.google.com' && u.pathname.startsWith('/webstore'));
}

/** The code was shown by `shownBy` (a frame) on a page of `top`: both are offered when they differ, `shownBy` chosen. */
export function bindingShownBy(shownBy: string | null, top: string | null): ScanBinding {
  const origins = [...new Set([shownBy, top].filter((o): o is string => o !== null))];
  return { origins, shownBy: shownBy ?? (origins.length === 1 ? origins[0] ?? null : null) };
}

/**
 * The whole-tab capture cannot say which frame drew the code: the top page and every frame of another origin that
 * may have drawn it are offered, and none is chosen for the user unless only one origin is left.
 */
export function bindingOfCapture(top: string | null, framed: (string | null | undefined)[]): ScanBinding {
  const origins = [...new Set([top, ...framed.map((o) => originOfUrl(o))].filter((o): o is string => o !== null))];
  return { origins, shownBy: origins.length === 1 ? origins[0] ?? null : null };
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

type FrameReports = { frameId: number; result: QrCandidateReport | null }[];

async function reportFrames(tabId: number): Promise<FrameReports> {
  try {
    return await runInTab(tabId, collectQrCandidates);
  } catch {
    return [];
  }
}

interface Decoded { payloads: string[]; via: ScanPass; binding: ScanBinding }

/** The top frame's QR-like elements cut out of the capture (what the user sees, at the capture's resolution). */
async function decodeCaptureCrops(frames: FrameReports, capture: string, topOrigin: string | null): Promise<Decoded> {
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
  // The crops come from the top frame's own elements, so the top page showed the code.
  return { payloads: found, via: 'capture-crop', binding: bindingShownBy(topOrigin, topOrigin) };
}

/** Each frame's QR-like elements from their own pixels: needs no capture, only the frames' reports. */
async function decodeElements(frames: FrameReports, topOrigin: string | null): Promise<Decoded> {
  const found: string[] = [];
  const shownBy = new Set<string | null>();
  for (const frame of frames) {
    for (const c of frame.result?.candidates ?? []) {
      if (!c.dataUrl) continue;
      try {
        const decoded = await decodeSource(c.dataUrl, { pad: true });
        found.push(...decoded);
        if (decoded.length > 0) shownBy.add(frame.frameId === 0 ? topOrigin : originOfUrl(frame.result?.origin));
      } catch { /* an unreadable element is not fatal */ }
    }
  }
  // One frame's own element drew it: that frame's origin. Several frames: every one is offered, none chosen.
  const [only] = shownBy;
  // Only an opaque (sandboxed) frame drew it: no origin to bind to, and the page around it is not offered instead.
  const binding = shownBy.size === 1 && only === null ? { origins: [], shownBy: null }
    : shownBy.size === 1 && only !== undefined ? bindingShownBy(only, topOrigin)
    : { origins: [...shownBy, topOrigin].filter((o, i, all): o is string => o !== null && all.indexOf(o) === i), shownBy: null };
  return { payloads: found, via: 'element', binding };
}

/**
 * Origins other than the top page's that may have drawn `payloads`: frames the popup could look into that hold
 * QR-like elements, and frames of the top document whose area of the capture decodes to one of the payloads (the
 * popup may not look into a frame of another origin, but the capture shows it).
 */
async function framesShowing(capture: string, frames: FrameReports, topOrigin: string | null, payloads: string[]): Promise<string[]> {
  const shown = frames.filter((f) => f.frameId !== 0 && (f.result?.candidates.length ?? 0) > 0).map((f) => f.result?.origin ?? 'null');
  const top = frames.find((f) => f.frameId === 0)?.result;
  const boxes = (top?.frames ?? []).filter((b) => originOfUrl(b.origin) !== null && b.origin !== topOrigin && !shown.includes(b.origin));
  if (!top || boxes.length === 0) return shown;
  const shot = await decodeImageSource(capture);
  try {
    const scale = shot.width / top.innerWidth;
    for (const box of boxes.slice(0, 8)) {
      const crop = visibleCrop(box.rect, scale, shot);
      if (!crop || shown.includes(box.origin)) continue;
      const seen = await decodeQrPixels(pixelsOf(shot, crop, { pad: true }));
      if (seen.some((p) => payloads.includes(p))) shown.push(box.origin);
    }
  } finally {
    shot.close();
  }
  return shown;
}

function outcomeOf(payloads: string[], binding: ScanBinding, via: ScanPass): ScanOutcome {
  if (payloads.length === 0) return { kind: 'none', message: t('scanNoneOnPage') };
  return { kind: 'found', found: classifyPayloads(payloads), binding, via };
}

/** A found outcome with the top page's favicon, captured only now that there is an account to show it for. */
async function withSiteIcon(outcome: ScanOutcome, tabId: number, top: string | null): Promise<ScanOutcome> {
  if (outcome.kind !== 'found' || top === null || !outcome.binding.origins.includes(top)) return outcome;
  // Loaded only when a scan found something: the capture code is not part of the popup's first paint.
  const { pageIconOf } = await import('./page-icon.ts');
  const data = await pageIconOf(tabId, top);
  return data === null ? outcome : { ...outcome, binding: { ...outcome.binding, siteIcon: { origin: top, data } } };
}

export async function scanActiveTab(): Promise<ScanOutcome> {
  const tab = await activeTab();
  if (!tab || isRestrictedUrl(tab.url)) return { kind: 'restricted', message: t('scanRestricted') };
  const top = originOfUrl(tab.url);
  return withSiteIcon(await scanTab(tab, top), tab.id, top);
}

async function scanTab(tab: { id: number; windowId: number }, top: string | null): Promise<ScanOutcome> {
  let capture: string;
  try {
    capture = await captureWithRetry(tab.windowId);
  } catch {
    // Firefox refuses the capture until a toolbar click grants activeTab, yet lets executeScript run through the
    // site access granted at install: the page's own elements may still be read. Only when no frame answers either
    // is the page out of reach.
    const frames = await reportFrames(tab.id);
    if (!frames.some((f) => f.result !== null)) return { kind: 'restricted', message: t('scanRestricted') };
    const elements = await decodeElements(frames, top);
    return outcomeOf(elements.payloads, elements.binding, elements.via);
  }
  // Every frame reports its origin and QR-like elements, whichever pass then finds the code.
  const [whole, frames] = await Promise.all([decodeSource(capture), reportFrames(tab.id)]);
  if (whole.length > 0) return outcomeOf(whole, bindingOfCapture(top, await framesShowing(capture, frames, top, whole)), 'capture');
  const crops = await decodeCaptureCrops(frames, capture, top);
  const fallback = crops.payloads.length > 0 ? crops : await decodeElements(frames, top);
  return outcomeOf(fallback.payloads, fallback.binding, fallback.via);
}

/** A screenshot or photo chosen by the user; not bound to any origin. */
export async function scanImage(source: Blob | string): Promise<ScanOutcome> {
  let payloads: string[];
  try {
    payloads = await decodeSource(source);
    // A tightly cropped screenshot has no quiet zone around the code; a white border restores it.
    if (payloads.length === 0) payloads = await decodeSource(source, { pad: true });
  } catch {
    return { kind: 'none', message: t('scanNotAnImage') };
  }
  if (payloads.length === 0) return { kind: 'none', message: t('scanNoneInImage') };
  return outcomeOf(payloads, { origins: [], shownBy: null }, 'image');
}

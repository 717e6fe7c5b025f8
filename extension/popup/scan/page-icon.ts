// The scanned page's own favicon, captured once when a scan finds an account there (issue 24): injected into the
// tab's top frame with the scan's activeTab grant, it reads only icons of the page's OWN origin (declared by
// <link rel="icon"> or apple-touch-icon, else /favicon.ico when none is declared), fetches them from the page itself
// without credentials, and draws the first that decodes into a 32×32 PNG. An icon on another origin is skipped: no
// request ever goes to a third party, so which services a user has does not leak. It must stay self-contained:
// executeScript serialises the function without its imports.
import { originOfUrl } from '../../../src/shared/origin.ts';
import { runInTab } from '../browser.ts';

export interface PageIconReport {
  /** The top page's origin as it saw itself: the icon is kept only when it is the origin the browser reports. */
  origin: string;
  /** A PNG data URL, or null when the page has no readable icon of its own origin. */
  data: string | null;
}

export async function capturePageIcon(): Promise<PageIconReport | null> {
  // Frames of the page answer too (the scan runs in every frame): only the top page's icon is the site's.
  if (window !== window.top) return null;
  const SIZE = 32;
  const MAX_FETCH_BYTES = 256 * 1024;
  const MAX_TRIES = 4;
  const origin = location.origin;
  if (origin === 'null' || !/^https?:$/.test(location.protocol)) return { origin, data: null };

  const sameOrigin = (href: string): string | null => {
    try {
      const url = new URL(href, location.href);
      return url.origin === origin ? url.href : null;
    } catch {
      return null;
    }
  };
  const sizeOf = (link: HTMLLinkElement): number => {
    const sizes = (link.getAttribute('sizes') ?? '').toLowerCase();
    if (sizes === 'any') return 1000;
    return Math.max(0, ...sizes.split(/\s+/).map((s) => Number(s.split('x')[0]) || 0));
  };
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel][href]')]
    .filter((l) => /(^|\s)(icon|apple-touch-icon)(\s|$)/i.test(l.rel));
  // Closest to SIZE from above first (a 32 px or 48 px icon), then bigger ones, then smaller ones.
  const ranked = links.map((l) => ({ href: l.href, size: sizeOf(l) }))
    .sort((a, b) => (a.size >= SIZE ? a.size : 10_000 - a.size) - (b.size >= SIZE ? b.size : 10_000 - b.size));
  // A page that declares icons only elsewhere gets none: its /favicon.ico is not what it shows.
  const hrefs = links.length > 0 ? ranked.map((r) => sameOrigin(r.href)) : [sameOrigin('/favicon.ico')];
  const candidates = [...new Set(hrefs.filter((h): h is string => h !== null))].slice(0, MAX_TRIES);

  const decode = async (blob: Blob): Promise<CanvasImageSource | null> => {
    try {
      return await createImageBitmap(blob);
    } catch {
      // An SVG icon: createImageBitmap refuses SVG blobs, an <img> draws them (scripts in it never run).
      const url = URL.createObjectURL(blob);
      try {
        const img = new Image();
        img.src = url;
        await img.decode();
        return img;
      } catch {
        return null;
      } finally {
        URL.revokeObjectURL(url);
      }
    }
  };

  for (const href of candidates) {
    try {
      // same-origin mode refuses a redirect to another origin before any request is sent there.
      const response = await fetch(href, { credentials: 'omit', mode: 'same-origin', redirect: 'follow', cache: 'force-cache', referrerPolicy: 'no-referrer' });
      if (!response.ok) continue;
      const blob = await response.blob();
      if (blob.size === 0 || blob.size > MAX_FETCH_BYTES || !/^image\//i.test(blob.type || 'image/')) continue;
      const image = await decode(blob);
      if (!image) continue;
      const canvas = document.createElement('canvas');
      canvas.width = SIZE;
      canvas.height = SIZE;
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      ctx.imageSmoothingQuality = 'high';
      const w = 'width' in image ? Number(image.width) : SIZE;
      const h = 'height' in image ? Number(image.height) : SIZE;
      const scale = Math.min(SIZE / (w || SIZE), SIZE / (h || SIZE));
      const dw = (w || SIZE) * scale;
      const dh = (h || SIZE) * scale;
      ctx.drawImage(image, (SIZE - dw) / 2, (SIZE - dh) / 2, dw, dh);
      return { origin, data: canvas.toDataURL('image/png') };
    } catch {
      // The next candidate.
    }
  }
  return { origin, data: null };
}

/**
 * The favicon of the tab's top page when its origin is `topOrigin` (the browser's word, not the page's); null when
 * there is none or the page cannot be reached. The background checks it as every icon (src/shared/account-icon.ts).
 */
export async function pageIconOf(tabId: number, topOrigin: string | null): Promise<string | null> {
  if (topOrigin === null) return null;
  try {
    // executeScript waits for the promise the function returns and hands back its value.
    const reports = await runInTab(tabId, capturePageIcon as unknown as () => PageIconReport | null);
    const top = reports.find((r) => r.frameId === 0)?.result;
    if (!top || top.data === null || originOfUrl(top.origin) !== topOrigin) return null;
    return top.data.startsWith('data:image/png;base64,') ? top.data : null;
  } catch {
    return null;
  }
}

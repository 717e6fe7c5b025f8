// Injected on request (scripting.executeScript, activeTab) to hand the popup the page's own QR-like
// images, canvases and SVGs, including ones below the fold or too small to decode from a screenshot.
// It must stay self-contained: executeScript serialises the function without its imports.

export interface QrCandidate {
  /** Position in CSS px relative to the frame's viewport. */
  rect: { x: number; y: number; width: number; height: number };
  /** The element's pixels as a data URL, or null when the page forbids reading them (cross-origin). */
  dataUrl: string | null;
}

/** An <iframe> of this document whose page may have drawn a QR code that a whole-tab capture then saw. */
export interface FrameBox {
  /** The origin the frame element points at (its src, resolved); the popup may not be allowed to look inside. */
  origin: string;
  rect: { x: number; y: number; width: number; height: number };
}

export interface QrCandidateReport {
  /** The reporting frame's own origin ('null' when opaque): a QR shown by this frame binds the account here. */
  origin: string;
  /** Visible frames big enough to show a QR code, in this frame's viewport (cross-origin frames included). */
  frames: FrameBox[];
  innerWidth: number;
  innerHeight: number;
  candidates: QrCandidate[];
}

export function collectQrCandidates(): QrCandidateReport {
  const MAX_CANDIDATES = 40;
  const MAX_SIDE = 2048;
  const candidates: QrCandidate[] = [];
  const toDataUrl = (source: CanvasImageSource, w: number, h: number): string | null => {
    const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
    try { return canvas.toDataURL('image/png'); } catch { return null; } // tainted by a cross-origin image
  };
  // Open shadow roots hide elements from document.querySelectorAll; walk into them too.
  const elements: Element[] = [];
  const frameElements: HTMLIFrameElement[] = [];
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length && i < 500; i += 1) {
    const root = roots[i] as Document | ShadowRoot;
    elements.push(...Array.from(root.querySelectorAll('img, canvas, svg')));
    frameElements.push(...Array.from(root.querySelectorAll('iframe')));
    for (const host of Array.from(root.querySelectorAll('*'))) if (host.shadowRoot) roots.push(host.shadowRoot);
  }
  for (const el of elements) {
    if (candidates.length >= MAX_CANDIDATES) break;
    const r = el.getBoundingClientRect();
    // A QR code is square-ish and not microscopic; icons and banners are skipped cheaply.
    if (r.width < 12 || r.height < 12 || r.width / r.height > 1.6 || r.height / r.width > 1.6) continue;
    let dataUrl: string | null = null;
    if (el instanceof HTMLImageElement) {
      if (!el.complete || el.naturalWidth === 0) continue;
      dataUrl = toDataUrl(el, el.naturalWidth, el.naturalHeight);
    } else if (el instanceof HTMLCanvasElement) {
      dataUrl = toDataUrl(el, el.width, el.height);
    } else if (el instanceof SVGSVGElement) {
      if (el.parentElement?.closest('svg')) continue;
      const copy = el.cloneNode(true) as SVGSVGElement;
      copy.setAttribute('width', String(Math.ceil(r.width)));
      copy.setAttribute('height', String(Math.ceil(r.height)));
      if (!copy.getAttribute('xmlns')) copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
      dataUrl = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
    }
    candidates.push({ rect: { x: r.left, y: r.top, width: r.width, height: r.height }, dataUrl });
  }
  const frames: FrameBox[] = [];
  for (const el of frameElements.slice(0, MAX_CANDIDATES)) {
    const r = el.getBoundingClientRect();
    if (r.width < 40 || r.height < 40 || !el.src) continue;
    // A sandbox without allow-same-origin makes the frame's origin opaque: no site to bind to.
    if (el.hasAttribute('sandbox') && !el.sandbox.contains('allow-same-origin')) continue;
    let origin: string;
    try { origin = new URL(el.src, location.href).origin; } catch { continue; }
    frames.push({ origin, rect: { x: r.left, y: r.top, width: r.width, height: r.height } });
  }
  return { origin: location.origin, frames, innerWidth: window.innerWidth, innerHeight: window.innerHeight, candidates };
}

// Judges whether a click on Keyfob's in-page control is the user's own: trusted, on the control where Keyfob drew it,
// visible, unobscured and unmoved for a moment. A hostile page can restyle, move, cover or script around the control.

/** Where Keyfob drew the control, in viewport CSS pixels. */
export interface Placement { top: number; left: number; width: number; height: number }

export type Refusal =
  | 'untrusted' // a script made the event
  | 'detached' // not where Keyfob put it in the DOM, or hidden by Keyfob
  | 'too-soon' // just appeared, moved, or touched by the page less than MIN_STEADY_MS ago
  | 'moved' // its box is not the one Keyfob placed
  | 'restyled' // see-through, filtered or transformed (itself or the root element)
  | 'covered' // another element is hit at the click or at the control's centre, or drawn above it
  | 'not-visible' // IntersectionObserver v2 saw something drawn over it (or no verdict yet)
  | 'frame-moved'; // in a frame: the frame itself moved on screen (or the pointer has not been in it long enough to tell)

/** A control must have stood still, on screen, this long before a click on it counts (people need ~200 ms to react). */
export const MIN_STEADY_MS = 500;
const TOLERANCE_PX = 1;

export interface ClickGuard {
  /** Keyfob (re)drew the control at `placement` (null: hidden); any change restarts the steady time. */
  placed(placement: Placement | null): void;
  /** Something other than Keyfob touched the control: restarts the steady time. */
  disturbed(): void;
  /** Null when the click counts, else why not. */
  judge(event: MouseEvent): Refusal | null;
  dispose(): void;
}

/** Chromium's IntersectionObserver v2 (not in TypeScript's DOM types). */
interface VisibilityInit extends IntersectionObserverInit { trackVisibility: boolean; delay: number }
interface VisibilityEntry extends IntersectionObserverEntry { isVisible?: boolean }

/** Equal within a pixel (boxes are snapped to device pixels). */
export function samePlacement(a: Placement | null, b: Placement | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a.top - b.top) <= TOLERANCE_PX && Math.abs(a.left - b.left) <= TOLERANCE_PX
    && Math.abs(a.width - b.width) <= TOLERANCE_PX && Math.abs(a.height - b.height) <= TOLERANCE_PX;
}

function looksPlain(style: CSSStyleDeclaration): boolean {
  return style.opacity === '1' && style.filter === 'none' && style.transform === 'none'
    && style.clipPath === 'none' && (style.maskImage === '' || style.maskImage === 'none')
    && (style.zoom === '' || style.zoom === '1');
}

/** Every host Keyfob drew in this document: they may follow one another under <html> without counting as cover. */
export const keyfobHosts = new WeakSet<Element>();

/** The first element after `host` under <html> that is not Keyfob's own, or null. */
export function foreignAfter(host: Element): Element | null {
  let next = host.nextElementSibling;
  while (next && keyfobHosts.has(next)) next = next.nextElementSibling;
  return next;
}

/** Two boxes overlap (a shared edge does not count). */
function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Anything drawn above the host although its z-index is the highest there is: a later sibling under <html> (the host
 * is kept last, so one is new) or an element in the top layer (a modal dialog, a popover, full screen). This is what
 * IntersectionObserver v2 would see, for Firefox which lacks it, and it counts elements with `pointer-events: none`.
 */
function drawnAbove(host: HTMLElement, box: DOMRect): boolean {
  const above: Element[] = [];
  for (let next = foreignAfter(host); next; next = foreignAfter(next)) above.push(next);
  try {
    above.push(...document.querySelectorAll(':modal, :popover-open'));
  } catch { /* a browser without these selectors has no such top layer either */ }
  if (document.fullscreenElement) above.push(document.fullscreenElement);
  return above.some((el) => el !== host && !host.contains(el) && overlaps(el.getBoundingClientRect(), box));
}

/** One pointer event in this frame: where it was on the screen and in the frame's viewport. */
interface PointerSample { at: number; screenX: number; screenY: number; clientX: number; clientY: number }
const KEEP_SAMPLES = 64;

/**
 * Whether the frame stood still on screen from `since` until the click: the offset between the screen and the frame's
 * viewport (screen − client) is the frame's own position, so a framing page that moves the frame under the pointer
 * changes it. Browser zoom scales client against screen: a change up to half the pointer's own move is zoom, not a move.
 */
function frameStoodStill(samples: readonly PointerSample[], click: PointerSample, since: number): boolean {
  // The pointer must have been in the frame before the steady time began, or the frame could have come to it.
  const before = samples.filter((s) => s.at <= since);
  const anchor = before[before.length - 1];
  if (!anchor) return false;
  const steady = (s: PointerSample, axis: 'X' | 'Y'): boolean => {
    const screen = click[`screen${axis}`] - s[`screen${axis}`];
    const client = click[`client${axis}`] - s[`client${axis}`];
    return Math.abs(screen - client) <= 2 + Math.abs(client) / 2;
  };
  return samples.filter((s) => s.at >= anchor.at).every((s) => steady(s, 'X') && steady(s, 'Y'));
}

/** Watches `host` (a child of <html>, position: fixed) and judges clicks on it. */
export function guardClicks(host: HTMLElement): ClickGuard {
  let placement: Placement | null = null;
  let steadySince = performance.now();
  // Chromium only: when the control became visible in the v2 sense (nothing drawn over it, no opacity or filter).
  let visibleSince: number | null = null;
  const tracksVisibility = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;
  let observer: IntersectionObserver | null = null;
  if (tracksVisibility) {
    const init: VisibilityInit = { threshold: [0, 1], trackVisibility: true, delay: 100 };
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries as VisibilityEntry[]) {
        if (entry.isVisible !== true) visibleSince = null;
        else visibleSince ??= entry.time;
      }
    }, init);
    observer.observe(host);
  }
  // In a frame, the page framing it can move the whole frame, which nothing inside the frame's viewport shows: the
  // pointer's own events tell where the frame is on screen (listened to only while a control is drawn in a frame).
  const inFrame = window !== window.top;
  const samples: PointerSample[] = [];
  const sample = (e: MouseEvent): PointerSample => ({ at: performance.now(), screenX: e.screenX, screenY: e.screenY, clientX: e.clientX, clientY: e.clientY });
  const onPointer = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    samples.push(sample(e));
    if (samples.length > KEEP_SAMPLES) samples.splice(0, samples.length - KEEP_SAMPLES);
  };
  if (inFrame) {
    window.addEventListener('mousemove', onPointer, { capture: true, passive: true });
    window.addEventListener('mousedown', onPointer, { capture: true, passive: true });
  }

  return {
    placed(next) {
      if (!samePlacement(next, placement)) steadySince = performance.now();
      placement = next;
    },
    disturbed() {
      steadySince = performance.now();
    },
    judge(event) {
      if (!event.isTrusted) return 'untrusted';
      const now = performance.now();
      if (placement === null || host.parentNode !== document.documentElement) return 'detached';
      if (now - steadySince < MIN_STEADY_MS) return 'too-soon';
      if (observer && (visibleSince === null || now - visibleSince < MIN_STEADY_MS)) return 'not-visible';
      const box = host.getBoundingClientRect();
      if (!samePlacement({ top: box.top, left: box.left, width: box.width, height: box.height }, placement)) return 'moved';
      const own = getComputedStyle(host);
      if (!looksPlain(own) || own.visibility !== 'visible' || own.display === 'none') return 'restyled';
      if (!looksPlain(getComputedStyle(document.documentElement))) return 'restyled';
      // elementFromPoint retargets into shadow trees, so our own button answers as the host.
      if (document.elementFromPoint(event.clientX, event.clientY) !== host) return 'covered';
      if (document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) !== host) return 'covered';
      if (drawnAbove(host, box)) return 'covered';
      if (inFrame && !frameStoodStill(samples, sample(event), now - MIN_STEADY_MS)) return 'frame-moved';
      return null;
    },
    dispose() {
      observer?.disconnect();
      if (inFrame) {
        window.removeEventListener('mousemove', onPointer, { capture: true });
        window.removeEventListener('mousedown', onPointer, { capture: true });
      }
    },
  };
}

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
  | 'covered' // another element is hit at the click or at the control's centre
  | 'not-visible'; // IntersectionObserver v2 saw something drawn over it (or no verdict yet)

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
      return null;
    },
    dispose() {
      observer?.disconnect();
    },
  };
}

// The only UI Keyfob puts into a page: a key button in a field, a text button next to an element and a warning where
// the key button was, each in a closed shadow root whose host says nothing about Keyfob or its state, pinned with
// inline !important styles, and clicked only when the click guard judges the click the user's own.
import { foreignAfter, guardClicks, keyfobHosts, samePlacement, type Placement } from './click-guard.ts';
import { freeSpotBeside } from './free-spot.ts';

/**
 * A tag name made afresh in every document (two random words joined by a hyphen, as custom elements are named), so no
 * stable name tells a page that it is Keyfob rather than any other extension, and no page can define it beforehand.
 */
function randomTag(): string {
  const letters = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => String.fromCharCode(97 + (b % 26))).join('');
  return `${letters(4)}-${letters(6)}`;
}
/** Made on the first mount, not at injection: most pages never show Keyfob's UI. */
let hostTag: string | null = null;
/** Re-placing follows scroll and resize at once; this catches layout shifts and page tampering that fire neither. */
const REFRESH_MS = 200;

export interface InlineUi { remove(): void }
export interface InlineButton extends InlineUi { setText(text: string): void }

/**
 * Every property that decides where the host is drawn and whether it can be seen or clicked, inline and !important:
 * an author stylesheet (even with !important) cannot override an inline !important declaration, and `all` resets
 * the rest (scale, rotate, translate, transitions, inherited fonts and colours) so nothing leaks in from the page.
 */
const PINNED: ReadonlyArray<readonly [string, string]> = [
  ['all', 'initial'],
  ['position', 'fixed'], ['right', 'auto'], ['bottom', 'auto'], ['z-index', '2147483647'],
  ['box-sizing', 'border-box'], ['margin', '0'], ['padding', '0'], ['border', '0 none'], ['overflow', 'hidden'],
  ['opacity', '1'], ['visibility', 'visible'], ['transform', 'none'], ['translate', 'none'], ['rotate', 'none'],
  ['scale', 'none'], ['filter', 'none'], ['clip-path', 'none'], ['mask', 'none'], ['zoom', '1'],
  ['transition', 'none'], ['animation', 'none'], ['pointer-events', 'auto'],
];

function pin(host: HTMLElement, at: Placement | null): void {
  const style = host.style;
  host.removeAttribute('style');
  for (const [name, value] of PINNED) style.setProperty(name, value, 'important');
  style.setProperty('display', at ? 'block' : 'none', 'important');
  style.setProperty('top', `${at?.top ?? 0}px`, 'important');
  style.setProperty('left', `${at?.left ?? 0}px`, 'important');
  style.setProperty('width', `${at?.width ?? 0}px`, 'important');
  style.setProperty('height', `${at?.height ?? 0}px`, 'important');
}

interface Mounted extends InlineUi { refresh(): void }

/**
 * Draws `control` (built inside a closed shadow root) at `locate()`, keeps it there, and calls `onClick` only for
 * clicks the guard accepts. `locate` returns null while the thing it belongs to is gone or not rendered.
 */
function mount(locate: () => Placement | null, build: (root: ShadowRoot) => HTMLElement, onClick: () => void, closeOnEscape = false): Mounted {
  const host = document.createElement(hostTag ??= randomTag());
  keyfobHosts.add(host);
  let root: ShadowRoot;
  try {
    // Closed: the page gets null from host.shadowRoot and cannot read the label or the state it implies.
    root = host.attachShadow({ mode: 'closed' });
  } catch {
    // A page that pre-defined this element name without shadow support: show nothing rather than something open.
    return { remove() { /* nothing was shown */ }, refresh() { /* nothing to place */ } };
  }
  const control = build(root);
  const guard = guardClicks(host);
  let placement: Placement | null = null;
  let written: string | null = null;
  let frame = 0;
  let removed = false;

  // Any change the page makes to the host (style, attributes, moving it, putting an element after it, which would be
  // drawn above it) restarts the steady time and is undone.
  const watcher = new MutationObserver((records) => {
    const touched = foreignAfter(host) !== null || records.some((r) => r.target === host
      || Array.from(r.addedNodes).includes(host) || Array.from(r.removedNodes).includes(host));
    if (!touched || removed) return;
    guard.disturbed();
    // Undo on the next frame, not here: a page that fights back then costs one write per frame, not a busy loop.
    frame ||= requestAnimationFrame(refresh);
  });

  function draw(): void {
    pin(host, placement);
    written = host.getAttribute('style');
    if (host.parentNode !== document.documentElement || foreignAfter(host) !== null) document.documentElement.append(host);
    watcher.takeRecords(); // our own writes are not tampering
  }

  function refresh(): void {
    frame = 0;
    if (removed) return;
    const next = locate();
    const tampered = host.parentNode !== document.documentElement || host.getAttribute('style') !== written
      || host.attributes.length !== 1 || foreignAfter(host) !== null;
    if (tampered) {
      for (const name of host.getAttributeNames()) if (name !== 'style') host.removeAttribute(name);
      guard.disturbed();
    }
    if (tampered || !samePlacement(next, placement)) {
      placement = next;
      draw();
    }
    guard.placed(placement);
  }

  control.addEventListener('mousedown', (event) => event.preventDefault()); // keep the focus in the page's field
  control.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (guard.judge(event) === null) onClick();
  });

  placement = locate();
  draw();
  guard.placed(placement);
  watcher.observe(host, { attributes: true });
  watcher.observe(document.documentElement, { childList: true });
  const follow = () => refresh();
  window.addEventListener('scroll', follow, { passive: true, capture: true });
  window.addEventListener('resize', follow, { passive: true });
  const timer = setInterval(follow, REFRESH_MS);
  // A message the user has read goes with Esc (a trusted key press only; the page's own keys are left alone).
  const onKey = (event: KeyboardEvent) => { if (event.isTrusted && event.key === 'Escape') mounted.remove(); };
  if (closeOnEscape) window.addEventListener('keydown', onKey, { capture: true });

  const mounted: Mounted = {
    refresh,
    remove() {
      if (removed) return;
      removed = true;
      window.removeEventListener('keydown', onKey, { capture: true });
      clearInterval(timer);
      if (frame) cancelAnimationFrame(frame);
      window.removeEventListener('scroll', follow, { capture: true });
      window.removeEventListener('resize', follow);
      watcher.disconnect();
      guard.dispose();
      host.remove();
    },
  };
  return mounted;
}

const BUTTON_STYLE = 'all:initial;box-sizing:border-box;cursor:pointer;display:block;width:100%;height:100%;'
  + 'border-radius:4px;background:#1f4fd8;color:#fff;font:bold 12px/1 system-ui,sans-serif;text-align:center;';

/** The key button 16–24 px square, inside the right edge of `anchor`; hidden while the field is not rendered. */
function insideRightOf(anchor: HTMLInputElement): () => Placement | null {
  return () => {
    if (!anchor.isConnected) return null;
    const box = anchor.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return null;
    const size = Math.max(16, Math.min(24, box.height - 6));
    return { top: box.top + (box.height - size) / 2, left: box.right - size - 4, width: size, height: size };
  };
}

/**
 * The key button inside a field. Every state (locked, one account, several, recovery) looks the same to the page:
 * `label` exists only inside the closed root (accessible name and tooltip).
 */
export function showKeyButton(anchor: HTMLInputElement, label: string, onClick: () => void): InlineUi {
  return mount(insideRightOf(anchor), (root) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.tabIndex = -1; // keyboard users have the fill shortcut; a page cannot steer the focus onto this
    button.title = label;
    button.setAttribute('aria-label', label);
    button.setAttribute('style', BUTTON_STYLE);
    button.textContent = '\u{1F511}\uFE0E';
    root.append(button);
    return button;
  }, onClick);
}

const TEXT_FONT = '13px system-ui, sans-serif';
const TEXT_PAD_X = 10;
const TEXT_HEIGHT = 28;
const TEXT_WIDTH = 240;
/** Looking for a free spot reads the page's controls: done again only when the element moved, or once a second. */
const SPOT_REUSE_MS = 1000;

const textStyle = (extra: string) => `all:initial;box-sizing:border-box;display:block;width:100%;height:100%;
  padding:0 ${TEXT_PAD_X}px;border-radius:4px;font:${TEXT_FONT};box-shadow:0 1px 4px rgba(0,0,0,.3);overflow:hidden;${extra}`;

/**
 * Where a text control beside `after` goes: a spot that covers none of the page's controls (free-spot.ts), the same
 * size whatever it says, so its box tells a page nothing about its words.
 */
function besideWithoutCovering(after: Element): () => Placement | null {
  let last: { key: string; at: number; spot: Placement | null } | null = null;
  return () => {
    if (!after.isConnected) return null;
    const box = after.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return null;
    const key = `${box.top},${box.left},${box.width},${box.height},${innerWidth},${innerHeight}`;
    const now = performance.now();
    if (last && last.key === key && now - last.at < SPOT_REUSE_MS) return last.spot;
    last = { key, at: now, spot: freeSpotBeside(after, TEXT_WIDTH, TEXT_HEIGHT) };
    return last.spot;
  };
}

/**
 * A text button beside `after` (fixed, following scroll and layout), e.g. "Save these recovery codes in Keyfob", with
 * the same closed root, pinning and click guard as the key button; Esc closes it.
 */
export function showInlineButton(after: Element, text: string, onClick: () => void): InlineButton {
  let button: HTMLButtonElement | null = null;
  const mounted = mount(besideWithoutCovering(after), (root) => {
    button = document.createElement('button');
    button.type = 'button';
    button.tabIndex = -1;
    button.setAttribute('style', textStyle(`cursor:pointer;background:#1f4fd8;color:#fff;line-height:${TEXT_HEIGHT}px;
      white-space:nowrap;text-overflow:ellipsis;text-align:center;`));
    button.textContent = text;
    root.append(button);
    return button;
  }, onClick, true);
  return {
    remove: () => mounted.remove(),
    setText(next) {
      if (button) button.textContent = next;
    },
  };
}

/**
 * "This is not bank.example. Keyfob will not fill codes here.": drawn over the field itself, where the key button was,
 * after the user used Keyfob on a look-alike page, so it hides no other control. Its box is the field's, not the
 * words'; nothing in it can be clicked; Esc closes it.
 */
export function showWarning(field: HTMLInputElement, text: string): InlineUi {
  const locate = (): Placement | null => {
    if (!field.isConnected) return null;
    const box = field.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return null;
    return { top: box.top, left: box.left, width: box.width, height: box.height };
  };
  return mount(locate, (root) => {
    const note = document.createElement('div');
    note.setAttribute('role', 'alert');
    note.setAttribute('style', textStyle('background:#b3261e;color:#fff;font-size:12px;line-height:14px;padding:2px 6px;white-space:normal;'));
    note.textContent = text;
    root.append(note);
    return note;
  }, () => undefined, true);
}

// The only UI Keyfob puts into a page: a key button in the field and a one-line hint. Never any account name:
// the page can read its own DOM.

const HOST_TAG = 'keyfob-inline';

export interface InlineUi { remove(): void }

function place(host: HTMLElement, anchor: HTMLInputElement, where: 'inside-right' | 'below'): void {
  const rect = anchor.getBoundingClientRect();
  const size = Math.max(16, Math.min(24, rect.height - 6));
  const top = where === 'below' ? rect.bottom + 4 : rect.top + (rect.height - size) / 2;
  const left = where === 'below' ? rect.left : rect.right - size - 4;
  host.style.cssText = `position:fixed;z-index:2147483647;top:${top}px;left:${left}px;margin:0;padding:0;border:0;`
    + (where === 'inside-right' ? `width:${size}px;height:${size}px;` : '');
}

function mount(anchor: HTMLInputElement, role: string, where: 'inside-right' | 'below', html: string, onClick: () => void): InlineUi {
  const host = document.createElement(HOST_TAG);
  host.dataset.keyfob = role;
  // Open so tests and assistive tech can reach it; clicks are only honoured when the user made them.
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = html;
  root.querySelector('button')?.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (event.isTrusted) onClick();
  });
  place(host, anchor, where);
  // Fixed positioning follows the viewport, so it is re-placed only when the page scrolls or resizes.
  const follow = () => place(host, anchor, where);
  window.addEventListener('scroll', follow, { passive: true, capture: true });
  window.addEventListener('resize', follow, { passive: true });
  document.documentElement.append(host);
  return {
    remove() {
      window.removeEventListener('scroll', follow, { capture: true });
      window.removeEventListener('resize', follow);
      host.remove();
    },
  };
}

const BUTTON_STYLE = 'all:initial;cursor:pointer;display:block;width:100%;height:100%;border-radius:4px;'
  + 'background:#1f4fd8;color:#fff;font:bold 12px/1 system-ui,sans-serif;text-align:center;';

/** The key button inside a field (On-click mode, recovery fields, several eligible accounts). */
export function showKeyButton(anchor: HTMLInputElement, label: string, onClick: () => void): InlineUi {
  return mount(anchor, 'fill-button', 'inside-right',
    `<button type="button" title="${label}" aria-label="${label}" style="${BUTTON_STYLE}">&#x1F511;&#xFE0E;</button>`, onClick);
}

/** An unobtrusive one-line hint under the field, e.g. "Unlock Keyfob to fill". */
export function showHint(anchor: HTMLInputElement, text: string, onClick: () => void): InlineUi {
  const style = 'all:initial;cursor:pointer;display:inline-block;padding:3px 8px;border-radius:4px;background:#222;'
    + 'color:#fff;font:12px/1.4 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);';
  return mount(anchor, 'hint', 'below', `<button type="button" style="${style}">${text}</button>`, onClick);
}

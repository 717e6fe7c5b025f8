// The field the user last opened the context menu on, for "Fill one-time code" from that menu. Kept by the
// always-loaded part (the menu may be used on a page where nothing was recognised, so the rest was never loaded) and
// handed to the detector with the fill command.

let target: HTMLInputElement | null = null;

/** Remembers the input under a trusted contextmenu event (a page's own synthetic event must not steer the fill). */
export function rememberContextMenuTarget(event: Event): void {
  if (!event.isTrusted) return;
  const el = event.composedPath()[0];
  target = el instanceof HTMLInputElement ? el : null;
}

/** The remembered field, once: a later command without a new right-click does not reuse it. */
export function takeContextMenuTarget(): HTMLInputElement | null {
  const taken = target;
  target = null;
  return taken;
}

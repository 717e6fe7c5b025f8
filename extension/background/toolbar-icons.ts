// Where the built icons live in the extension, for the build that writes them and the worker that shows them.

export type IconState = 'unlocked' | 'locked';

/** What the stores and the browser's extension pages ask for (manifest `icons`). */
export const ICON_SIZES = [16, 32, 48, 128] as const;
/** What the toolbar draws (`action.setIcon`): 16 px, and 32 px on high-density screens. */
export const TOOLBAR_SIZES = [16, 32] as const;

/** The packaged PNG of one state at one size, relative to the extension root. */
export function iconPath(state: IconState, size: number): string {
  return state === 'locked' ? `icons/keyfob-locked-${size}.png` : `icons/keyfob-${size}.png`;
}

/** The `path` dictionary `action.setIcon` takes for one state (absolute, so it resolves from any extension page). */
export function toolbarIconPaths(state: IconState): Record<string, string> {
  return Object.fromEntries(TOOLBAR_SIZES.map((size) => [String(size), `/${iconPath(state, size)}`]));
}

// The account list's fixed geometry, apart from the screen so the opening messages can size the first screen
// before any screen module has run.
export const ROW_HEIGHT = 64;
export const VIEW_HEIGHT = 416;
/** Rows rendered beyond each edge of the view, so a short scroll never shows an empty row. */
export const OVERSCAN = 3;
/** The rows rendered at the top of the list: what the first screen's message asks for. */
export const FIRST_SCREEN_ROWS = Math.ceil(VIEW_HEIGHT / ROW_HEIGHT) + OVERSCAN;

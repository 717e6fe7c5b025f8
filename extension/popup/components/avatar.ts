// The letter avatar of an account without an icon: the issuer's first letter on a colour derived from the issuer, so
// the same service has the same colour on every device and after every restart. Plain data for an inline style: no
// image is made or fetched, and a thousand rows cost nothing more to paint.
import { foldText } from '../search/search-text.ts';

/**
 * Background colours that white text reads on with at least 4.5:1 contrast (WCAG AA for small text), distinct enough
 * side by side. test/unit/popup/avatar.test.ts computes every ratio.
 */
export const AVATAR_COLOURS: readonly string[] = [
  '#b3261e', '#a4286a', '#7b1fa2', '#5e35b1', '#3949ab', '#1565c0',
  '#00695c', '#2e7d32', '#8a4b00', '#6d4c41', '#455a64', '#bf360c',
];
export const AVATAR_TEXT = '#ffffff';

/** FNV-1a over the UTF-16 units: tiny, stable across browsers and releases, and spreads similar names apart. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export interface Avatar {
  letter: string;
  background: string;
}

/** The avatar of an account named `issuer` (or, without one, `account`): "GitHub" and "github " look the same. */
export function avatarFor(issuer: string, account: string): Avatar {
  const name = (issuer.trim() || account.trim());
  const first = [...name][0] ?? '?';
  return { letter: first.toLocaleUpperCase(), background: AVATAR_COLOURS[hash(foldText(name)) % AVATAR_COLOURS.length]! };
}

// Whether the page heads a list with "recovery codes" (or "backup codes"…, in every language of the signal table):
// the only look at an ordinary page for the recovery-code offer, cheap enough for the always-loaded part, which loads
// the rest (recovery-codes.ts, in detector.ts) only when it finds one.
import { compactText } from './compact-text.ts';
import { RECOVERY_LIST_PHRASES } from './otp-signals.ts';

/** Tag by tag: one query per tag name takes Blink's fast path, a selector list walks the page matching each element. */
const HEADING_TAGS = ['h1', 'h2', 'h3', 'legend'];

/** The heading over a recovery-code list; the only work ordinary pages pay (a few native queries, no layout). */
export function findListHeading(): Element | null {
  for (const tag of HEADING_TAGS) {
    for (const h of Array.from(document.querySelectorAll(tag))) {
      const text = compactText(h.textContent ?? '');
      if (RECOVERY_LIST_PHRASES.some((p) => text.includes(p))) return h;
    }
  }
  return null;
}

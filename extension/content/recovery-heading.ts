// Whether the page heads a list with "recovery codes" (or "backup codes"…, in every language of the signal table):
// the only look at an ordinary page for the recovery-code offer, cheap enough for the always-loaded part, which loads
// the rest (recovery-codes.ts, in detector.ts) only when it finds one.
import { compactText } from './compact-text.ts';
import { RECOVERY_LIST_PHRASES } from './otp-signals.ts';
import { scanPage } from './page-scan.ts';

/** The heading over a recovery-code list; the only work ordinary pages pay (the idle page scan, no layout). */
export function findListHeading(): Element | null {
  for (const h of scanPage().headings) {
    const text = compactText(h.textContent ?? '');
    if (RECOVERY_LIST_PHRASES.some((p) => text.includes(p))) return h;
  }
  return null;
}

// The first pass over a page's inputs: attribute reads and one regular expression, cheap enough to run at injection on
// every input. It passes every input the classifier could call a code field (a unit test holds it to that) and
// turns away the ordinary ones (name, e-mail, search…) before any fact gathering or signal table is touched.
import type { LabelLookup } from './label-lookup.ts';

/**
 * Pieces of which every ASCII strong, recovery, weak and exact-name token holds at least one (test/unit/content/
 * quick-gate.test.ts checks this against otp-signals.ts), matched against the same compact text as the classifier's.
 */
export const GATE = /cod|tor|kod|ste|ver|fac|tap|rec|otp|net|nma|spa|kup|tok|2fa|mfa|zwe|usa|uns|due|jed|tek|cra|eme|sec|pin|aut/;

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Whether `input` may carry a code signal of its own (hasCodeSignal in classify-field.ts) or be the autofocused field
 * the finder also looks at: false means the classifier would pass it by, so it need not be looked at further.
 */
export function mayCarryCodeSignal(input: HTMLInputElement, labelText: LabelLookup): boolean {
  // The classifier's paths that need no words: autofocus, a numeric field 6–8 long, autocomplete="one-time-code".
  if (input.autofocus || (input.maxLength >= 6 && input.maxLength <= 8)) return true;
  const attr = (name: string) => input.getAttribute(name) ?? '';
  if (attr('autocomplete').toLowerCase().includes('one-time-code')) return true;
  // The same texts, joined the same way, as factsOf() gives hasCodeSignal().
  const text = [attr('name'), attr('id'), attr('placeholder'), attr('aria-label'), attr('title'), labelText(input)].filter(Boolean).join(' ');
  // Words in other scripts or with accents take the full path (Unicode compaction is what costs there).
  if (NON_ASCII.test(text)) return true;
  return GATE.test(text.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

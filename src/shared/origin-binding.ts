// Where an account's codes may go: accounts are bound to web origins (scheme + host + port), and this is the
// one rule that says, for the origin a code is asked from, whether to fill, to offer a fill, or to give nothing.
import { originOfUrl } from './origin.ts';
import type { SuffixTable } from './registrable-domain.ts';
import { siteOf } from './site.ts';

/**
 * fill: the asking origin is bound exactly, so a code may be filled without asking the user.
 * offer: another origin of the same registrable domain is bound (and the asking one is no downgrade to plain http):
 *        only after the user links it in Keyfob's own window ("Fill from Keyfob…").
 * none:  nothing is bound that relates to the asking origin.
 */
export type BindingDecision = 'fill' | 'offer' | 'none';

function parse(origin: string): URL | null {
  const normal = originOfUrl(origin);
  return normal ? new URL(normal) : null;
}

/**
 * Whether `asking` is one of the bound origins exactly: `bindingDecision(…) === 'fill'`, answered without the
 * suffix list, so the worker checks a fill without loading it.
 */
export function isBoundOrigin(bound: readonly string[], asking: string | null): boolean {
  const ask = asking ? parse(asking) : null;
  return ask !== null && bound.some((b) => parse(b)?.origin === ask.origin);
}

/** The decision for one account's bound origins and the origin asking for a code (null: no usable origin). */
export function bindingDecision(bound: readonly string[], asking: string | null, suffixes: SuffixTable): BindingDecision {
  const ask = asking ? parse(asking) : null;
  if (!ask) return 'none';
  const parsed = bound.map(parse).filter((u): u is URL => u !== null);
  if (parsed.some((u) => u.origin === ask.origin)) return 'fill';
  const askSite = siteOf(ask.origin, suffixes);
  if (!askSite) return 'none';
  for (const url of parsed) {
    if (siteOf(url.origin, suffixes) !== askSite) continue;
    // An https binding never reaches a plain-http page, not even through the user's confirmation.
    if (url.protocol === 'https:' && ask.protocol === 'http:') continue;
    return 'offer';
  }
  return 'none';
}

// Finds the bundled brand icon for an account's issuer: names folded for case, accents and punctuation, with the
// curated aliases ("Gmail" for Google Mail, "Twitter" for X), a domain read by its name ("github.com"), and words
// like "Inc." or "Account" that issuers append dropped. Pure: the icon data comes in as a parameter.
import { foldText } from '../search/search-text.ts';

export interface Brand {
  slug: string;
  title: string;
  /** The brand's colour, #rrggbb. */
  hex: string;
  /** One SVG path in a 24×24 box. */
  path: string;
}

export interface BrandSet {
  /** In the curated order (the picker lists them by title). */
  brands: readonly Brand[];
  bySlug: ReadonlyMap<string, Brand>;
  /** Folded name or alias → brand. */
  byName: ReadonlyMap<string, Brand>;
  /** matchBrand on this set: the rows call it without loading this module before the brands themselves. */
  match: (issuer: string) => Brand | null;
}

/** The generated module's rows: [slug, title, hex, path, aliases]. */
export type BrandRow = readonly [string, string, string, string, readonly string[]];

/** "Proton Mail", "proton-mail" and "ProtonMail" fold alike: lower case, no accents, letters and digits only. */
export function foldName(name: string): string {
  return foldText(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

export function makeBrandSet(rows: readonly BrandRow[]): BrandSet {
  const brands = rows.map(([slug, title, hex, path]) => ({ slug, title, hex: `#${hex}`, path }));
  const byName = new Map<string, Brand>();
  rows.forEach(([slug, title], i) => {
    // A title claims its name before any alias: a service is never shown as another one's alias.
    const key = foldName(title);
    if (key && !byName.has(key)) byName.set(key, brands[i]!);
    if (!byName.has(slug)) byName.set(slug, brands[i]!);
  });
  rows.forEach(([, , , , aliases], i) => {
    for (const alias of aliases) {
      const key = foldName(alias);
      if (key && !byName.has(key)) byName.set(key, brands[i]!);
    }
  });
  const set: BrandSet = { brands, bySlug: new Map(brands.map((b) => [b.slug, b])), byName, match: (issuer) => matchBrand(set, issuer) };
  return set;
}

/** Words issuers add after the service's name that say nothing about which service it is. */
const TRAILING_WORDS = new Set(['inc', 'llc', 'ltd', 'gmbh', 'ag', 'sa', 'corp', 'corporation', 'company', 'co', 'account', 'accounts',
  'login', 'signin', 'id', 'sso', '2fa', 'mfa', 'totp', 'app', 'online', 'web', 'com', 'net', 'org', 'io']);

/** The brand for an issuer, or null: nothing is guessed from part of a name beyond the words above. */
export function matchBrand(set: BrandSet, issuer: string): Brand | null {
  const name = issuer.trim();
  if (!name) return null;
  const exact = set.byName.get(foldName(name));
  if (exact) return exact;
  // "github.com", "accounts.google.com": the label before the top-level domain.
  if (/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(name)) {
    const labels = name.split('.');
    const site = set.byName.get(foldName(labels[labels.length - 2]!));
    if (site) return site;
  }
  const words = foldText(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  while (words.length > 1 && TRAILING_WORDS.has(words[words.length - 1]!)) {
    words.pop();
    const shorter = set.byName.get(words.join(''));
    if (shorter) return shorter;
  }
  return null;
}

// Whether a page's site looks like a site an account is bound to without being it (homograph, typo, other suffix,
// the bound name inside a longer host), so Keyfob can warn there instead of offering a code.
import { CONFUSABLE_PROTOTYPES } from './generated/confusables.ts';
import { isLoopbackOrIpHost, originOfUrl } from './origin.ts';
import { hostToUnicode } from './punycode.ts';
import { registrableDomain, type SuffixTable } from './registrable-domain.ts';
import { siteOf } from './site.ts';

/**
 * confusable:    the host's UTS #39 skeleton equals a bound host's (or its registrable domain's): bаnk.example.
 * edit-distance: the registrable label is one or two edits from a bound one, on any suffix: paypa1.net, bnak.example.
 * other-suffix:  the bound registrable label on another public suffix: bank.test, bank.co.uk, bаnk.test.
 * embedded-name: the bound name inside a longer host of another site: bank.example.evil.test, bank-login.test.
 * The last two compare skeletons, so a homograph on another suffix or inside a longer host counts too.
 */
export type LookAlikeReason = 'confusable' | 'edit-distance' | 'other-suffix' | 'embedded-name';

export interface LookAlike {
  /** the bound host it imitates, in Unicode (e.g. "bank.example") */
  boundHost: string;
  reason: LookAlikeReason;
}

/**
 * Tuned on the well-known sites in test/unit/shared/look-alike.test.ts, all bound at once. One edit turns a
 * three-letter name into hundreds of real ones (ibm/ing/ibn), and two edits link six-letter names of different
 * companies (github/gitlab), so: one edit from 4 letters, two from 7, counted on the bound (imitated) label, since
 * how distinctive that name is decides whether a near miss is a typo of it.
 */
const ONE_EDIT_FROM = 4;
const TWO_EDITS_FROM = 7;
/** A two-letter name on another suffix (hp.com, hp.fr…) is too common to mean anything. */
const OTHER_SUFFIX_FROM = 3;
/** A bound name as a word inside another host: shorter words turn up in unrelated hosts by chance. */
const EMBEDDED_WORD_FROM = 4;
/**
 * Service words that real sites put in their own host names (mail.google.com, login.microsoftonline.com): a bound
 * site named by such a word (login.gov, mail.com) would otherwise be "imitated" by every one of them.
 */
const GENERIC_WORDS = new Set([
  'account', 'accounts', 'admin', 'auth', 'login', 'mail', 'email', 'secure', 'signin', 'portal', 'online', 'cloud',
  'support', 'help', 'home', 'shop', 'store', 'news', 'blog', 'docs', 'live', 'apps', 'team', 'teams',
]);

let prototypes: Map<number, string> | null = null;

/** The generated table as code point → prototype, read on first use. */
function prototypeMap(): Map<number, string> {
  if (prototypes) return prototypes;
  const map = new Map<number, string>();
  for (const line of CONFUSABLE_PROTOTYPES.split('\n')) {
    const tab = line.indexOf('\t');
    const prototype = line.slice(0, tab);
    for (const source of line.slice(tab + 1)) map.set(source.codePointAt(0) as number, prototype);
  }
  prototypes = map;
  return map;
}

/**
 * UTS #39 skeleton (NFD, drop default-ignorables, map each character to its prototype, NFD again), then lower-cased:
 * the prototypes of 0 and 1 are "O" and "l", and host names are compared without case.
 */
export function hostSkeleton(host: string): string {
  const map = prototypeMap();
  let out = '';
  for (const ch of host.normalize('NFD')) out += map.get(ch.codePointAt(0) as number) ?? ch;
  return out.normalize('NFD').toLowerCase();
}

/**
 * Restricted Damerau-Levenshtein (optimal string alignment) distance between two code point arrays, or
 * `max + 1` as soon as it is certain to exceed `max`: only a band of width 2·max around the diagonal is filled.
 */
export function editDistanceWithin(a: readonly number[], b: readonly number[], max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const over = max + 1;
  const width = b.length + 1;
  let prev2 = new Array<number>(width).fill(over);
  let prev = Array.from({ length: width }, (_, j) => (j <= max ? j : over));
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(width).fill(over);
    if (i <= max) row[0] = i;
    let rowMin = row[0] as number;
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      row[j] = Math.min(d, over);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return over;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length] as number, over);
}

/** One bound site, as the checks need it. */
interface BoundSite {
  /** its registrable domain in Unicode: what the warning names for the label-based reasons */
  domain: string;
  /** the label left of the public suffix, in Unicode */
  label: string;
  labelPoints: number[];
  labelSkeleton: string;
}

/** A bound name as a run of skeleton words, to be looked for among an asking host's (split at dots and hyphens). */
interface WordRun {
  words: string[];
  boundHost: string;
  /** only among the words left of the asking host's public suffix (a bare label), or anywhere (a whole domain) */
  leftOfSuffix: boolean;
}

interface Index {
  sites: Set<string>;
  skeletons: Map<string, string>;
  /**
   * Every bound label with up to one deletion (two from TWO_EDITS_FROM letters) → the sites it came from: two labels
   * within k edits (substitution, insertion, deletion, transposition) share a string after at most k deletions from
   * each, so an asking label meets its few candidates by lookups instead of an edit distance against every label.
   */
  byDeletion: Map<string, BoundSite | BoundSite[]>;
  longestLabel: number;
  /** by the skeleton of the label */
  byLabel: Map<string, BoundSite[]>;
  /** by the first skeleton word of the bound domain, and of the bound label */
  runsByFirstWord: Map<string, WordRun[]>;
}

interface HostParts {
  /** the whole host in Unicode */
  host: string;
  /** registrable domain and its label in Unicode; null when the host has none (a bare public suffix) */
  domain: string | null;
  label: string | null;
}

function hostParts(asciiHost: string, suffixes: SuffixTable): HostParts {
  const host = hostToUnicode(asciiHost);
  const ascii = registrableDomain(asciiHost, suffixes);
  if (!ascii) return { host, domain: null, label: null };
  const domain = hostToUnicode(ascii);
  const dot = domain.indexOf('.');
  return { host, domain, label: dot < 0 ? domain : domain.slice(0, dot) };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function wordsOf(text: string): string[] {
  return text.split(/[.-]/).filter((w) => w.length > 0);
}

/** The host of an http(s) origin that can have a look-alike: not loopback, not an IP address. */
function namedHost(origin: string): { origin: string; hostname: string } | null {
  const normal = originOfUrl(origin);
  if (!normal) return null;
  const { hostname } = new URL(normal);
  if (isLoopbackOrIpHost(hostname) || !hostname.includes('.')) return null;
  return { origin: normal, hostname: hostname.replace(/\.$/, '') };
}

function buildIndex(boundOrigins: readonly string[], suffixes: SuffixTable): Index {
  const index: Index = { sites: new Set(), skeletons: new Map(), byDeletion: new Map(), longestLabel: 0, byLabel: new Map(), runsByFirstWord: new Map() };
  const seenHosts = new Set<string>();
  const seenDomains = new Set<string>();
  for (const origin of boundOrigins) {
    const normal = originOfUrl(origin);
    if (!normal) continue;
    // Loopback and IP bindings still count as "the same site" (below), they just have no look-alikes.
    const site = siteOf(normal, suffixes);
    if (site) index.sites.add(site);
    const named = namedHost(normal);
    if (!named || seenHosts.has(named.hostname)) continue;
    seenHosts.add(named.hostname);
    const parts = hostParts(named.hostname, suffixes);
    const hostSkel = hostSkeleton(parts.host);
    if (!index.skeletons.has(hostSkel)) index.skeletons.set(hostSkel, parts.host);
    if (!parts.domain || !parts.label || seenDomains.has(parts.domain)) continue;
    seenDomains.add(parts.domain);
    const domainSkel = hostSkeleton(parts.domain);
    if (!index.skeletons.has(domainSkel)) index.skeletons.set(domainSkel, parts.domain);
    const labelSkeleton = hostSkeleton(parts.label);
    const bound: BoundSite = { domain: parts.domain, label: parts.label, labelPoints: codePoints(parts.label), labelSkeleton };
    const edits = maxEditsFor(bound.labelPoints.length);
    if (edits > 0) {
      for (const variant of deletionVariants(bound.labelPoints, edits)) {
        // Most variants belong to one label: a bare value there spares tens of thousands of one-element arrays.
        const had = index.byDeletion.get(variant);
        if (had === undefined) index.byDeletion.set(variant, bound);
        else if (Array.isArray(had)) had.push(bound);
        else index.byDeletion.set(variant, [had, bound]);
      }
      index.longestLabel = Math.max(index.longestLabel, bound.labelPoints.length);
    }
    pushTo(index.byLabel, labelSkeleton, bound);
    const domainWords = wordsOf(domainSkel);
    pushTo(index.runsByFirstWord, domainWords[0] as string, { words: domainWords, boundHost: parts.domain, leftOfSuffix: false });
    if (bound.labelPoints.length >= EMBEDDED_WORD_FROM && !GENERIC_WORDS.has(parts.label)) {
      const labelWords = wordsOf(labelSkeleton);
      pushTo(index.runsByFirstWord, labelWords[0] as string, { words: labelWords, boundHost: parts.domain, leftOfSuffix: true });
    }
  }
  return index;
}

function codePoints(text: string): number[] {
  return Array.from(text, (ch) => ch.codePointAt(0) as number);
}

function maxEditsFor(boundLength: number): number {
  return boundLength >= TWO_EDITS_FROM ? 2 : boundLength >= ONE_EDIT_FROM ? 1 : 0;
}

/** The label with every choice of up to `upTo` code points left out (itself included). */
function deletionVariants(points: readonly number[], upTo: number): Set<string> {
  const out = new Set<string>();
  const text = String.fromCodePoint(...points);
  if (text.length === points.length) {
    // The Basic Multilingual Plane (nearly every host label): string indices are code points, and slicing strings
    // is several times cheaper than slicing arrays.
    const visit = (current: string, from: number, left: number): void => {
      out.add(current);
      if (left > 0) for (let i = from; i < current.length; i++) visit(current.slice(0, i) + current.slice(i + 1), i, left - 1);
    };
    visit(text, 0, upTo);
  } else {
    const visit = (current: readonly number[], from: number, left: number): void => {
      out.add(String.fromCodePoint(...current));
      if (left > 0) for (let i = from; i < current.length; i++) visit([...current.slice(0, i), ...current.slice(i + 1)], i, left - 1);
    };
    visit(points, 0, upTo);
  }
  return out;
}

/** The bound site whose label is fewest edits away (on a tie, one on the asking host's own suffix). */
function nearestByEdits(index: Index, label: string, domain: string): BoundSite | null {
  const asking = codePoints(label);
  if (asking.length > index.longestLabel + 2 || asking.length < ONE_EDIT_FROM - 1) return null;
  const suffix = domain.slice(label.length);
  const tried = new Set<BoundSite>();
  let best: BoundSite | null = null;
  let bestScore = Infinity;
  for (const variant of deletionVariants(asking, 2)) {
    const found = index.byDeletion.get(variant);
    for (const bound of found === undefined ? [] : Array.isArray(found) ? found : [found]) {
      if (tried.has(bound) || bound.label === label) continue;
      tried.add(bound);
      const max = maxEditsFor(bound.labelPoints.length);
      const distance = editDistanceWithin(asking, bound.labelPoints, max);
      const score = distance * 2 + (bound.domain.slice(bound.label.length) === suffix ? 0 : 1);
      if (distance <= max && score < bestScore) {
        best = bound;
        bestScore = score;
      }
    }
  }
  return best;
}

/** The bound name found in the asking host's words; the longest run wins (bank.example over a bare bank). */
function embeddedName(index: Index, hostSkel: string, domain: string): string | null {
  const words = wordsOf(hostSkel);
  // The words of the asking host's public suffix: a bound label may not be found there (bank.evil.test ≠ test.com).
  const suffixWords = wordsOf(hostSkeleton(domain.slice(domain.indexOf('.') + 1))).length;
  const leftEnd = words.length - suffixWords;
  let best: WordRun | null = null;
  for (let start = 0; start < words.length; start++) {
    for (const run of index.runsByFirstWord.get(words[start] as string) ?? []) {
      const end = start + run.words.length;
      if (end > (run.leftOfSuffix ? leftEnd : words.length) || (best && run.words.length <= best.words.length)) continue;
      if (run.words.every((w, k) => words[start + k] === w)) best = run;
    }
  }
  return best?.boundHost ?? null;
}

function check(index: Index, askingOrigin: string, suffixes: SuffixTable): LookAlike | null {
  const named = namedHost(askingOrigin);
  if (!named) return null;
  const site = siteOf(named.origin, suffixes);
  if (!site || index.sites.has(site)) return null;
  const parts = hostParts(named.hostname, suffixes);

  const hostSkel = hostSkeleton(parts.host);
  const byHost = index.skeletons.get(hostSkel);
  if (byHost !== undefined && byHost !== parts.host) return { boundHost: byHost, reason: 'confusable' };
  if (parts.domain) {
    const byDomain = index.skeletons.get(hostSkeleton(parts.domain));
    if (byDomain !== undefined && byDomain !== parts.domain) return { boundHost: byDomain, reason: 'confusable' };
  }
  // A host that is itself a public suffix (github.io, vercel.app) is run by whoever listed it, typically the
  // platform of the same name: only a homograph of it is suspicious.
  const { domain, label } = parts;
  if (domain === null || label === null) return null;
  const near = nearestByEdits(index, label, domain);
  if (near) return { boundHost: near.domain, reason: 'edit-distance' };
  if ([...label].length >= OTHER_SUFFIX_FROM) {
    const same = index.byLabel.get(hostSkeleton(label))?.find((b) => b.domain !== domain);
    if (same) return { boundHost: same.domain, reason: 'other-suffix' };
  }
  const embedded = embeddedName(index, hostSkel, domain);
  return embedded === null ? null : { boundHost: embedded, reason: 'embedded-name' };
}

/**
 * Built once per vault state from every account's bound origins; then asked per page. The answer is null for a
 * page of the same registrable domain as a bound origin (bindingDecision decides there), for opaque, non-http(s),
 * loopback and IP origins, and when nothing matches; otherwise the first reason that holds, in the order of
 * LookAlikeReason.
 */
export function lookAlikeIndex(boundOrigins: readonly string[], suffixes: SuffixTable): (askingOrigin: string) => LookAlike | null {
  const index = buildIndex(boundOrigins, suffixes);
  return (askingOrigin) => check(index, askingOrigin, suffixes);
}

// Bench: the look-alike check per page for 10 / 100 / 1,000 bound accounts, against bindingDecision over every account for the same pages (what the popup already does).
// Standalone: `npx tsx scripts/bench/look-alike.ts [--quick]`.
import { domainToASCII } from 'node:url';
import { SUFFIX_EXCEPTIONS, SUFFIX_RULES } from '../../src/shared/generated/public-suffixes.ts';
import { bindingDecision, lookAlikeIndex, parseSuffixTable, type LookAlike, type SuffixTable } from '../../src/shared/index.ts';
import { median, runsFor, timeMs, type BenchOptions, type BenchRow } from './types.ts';
import { runIfMain } from './standalone.ts';
import { seeded } from '../../test/support/seeded-random.ts';

const SIZES = [10, 100, 1000];
const PAGES = 200;
const SUFFIXES = ['com', 'net', 'org', 'io', 'de', 'fr', 'co.uk', 'com.au', 'app', 'dev'];
const SUBDOMAINS = ['www', 'login', 'accounts', 'id', 'secure', 'app'];

/** Pronounceable site names of 4–12 letters, like real brands: many share lengths, which is what edit distance meets. */
function siteName(rnd: () => number): string {
  const consonants = 'bcdfghklmnprstvz';
  const vowels = 'aeiou';
  let name = '';
  const length = 4 + Math.floor(rnd() * 9);
  while (name.length < length) name += (name.length % 2 === 0 ? consonants : vowels)[Math.floor(rnd() * 5 + rnd() * 11) % (name.length % 2 === 0 ? 16 : 5)];
  return name;
}

interface Account { domain: string; origins: string[] }

function makeAccounts(count: number, rnd: () => number): Account[] {
  const seen = new Set<string>();
  const accounts: Account[] = [];
  while (accounts.length < count) {
    const domain = `${siteName(rnd)}.${SUFFIXES[Math.floor(rnd() * SUFFIXES.length)]}`;
    if (seen.has(domain)) continue;
    seen.add(domain);
    // Two origins each, as a user links a sign-in host and the site itself.
    accounts.push({ domain, origins: [`https://${SUBDOMAINS[Math.floor(rnd() * SUBDOMAINS.length)]}.${domain}`, `https://${domain}`] });
  }
  return accounts;
}

/** A page for every kind of answer: bound hosts, their subdomains, homographs, typos, other suffixes, embedded names, unrelated. */
function makePages(accounts: Account[], rnd: () => number): string[] {
  const pick = (): Account => accounts[Math.floor(rnd() * accounts.length)] as Account;
  const pages: string[] = [];
  for (let i = 0; pages.length < PAGES; i++) {
    const { domain, origins } = pick();
    const [label, ...rest] = domain.split('.');
    const name = label as string;
    const suffix = rest.join('.');
    switch (i % 7) {
      case 0: pages.push(origins[0] as string); break;
      case 1: pages.push(`https://help.${domain}`); break;
      case 2: pages.push(`https://${domainToASCII(`${name.replace(/[aeo]/, (v) => ({ a: 'а', e: 'е', o: 'о' })[v] as string)}.${suffix}`)}`); break;
      case 3: pages.push(`https://${name.slice(0, -1)}${name.at(-1) === 'z' ? 'x' : 'z'}.${suffix}`); break;
      case 4: pages.push(`https://${name}.example`); break;
      case 5: pages.push(`https://${domain.replaceAll('.', '-')}.evil.test`); break;
      default: pages.push(`https://${siteName(rnd)}.com`);
    }
  }
  return pages;
}

async function benchSize(count: number, suffixes: SuffixTable, opts: BenchOptions): Promise<BenchRow[]> {
  const rnd = seeded(count);
  const accounts = makeAccounts(count, rnd);
  const pages = makePages(accounts, rnd);
  const bound = accounts.flatMap((a) => a.origins);
  const runs = runsFor(opts);
  let check = lookAlikeIndex(bound, suffixes);
  for (let i = 1; i < runs.warmup; i++) check = lookAlikeIndex(bound, suffixes);
  const buildMs: number[] = [];
  for (let i = 0; i < runs.runs; i++) buildMs.push(await timeMs(() => { check = lookAlikeIndex(bound, suffixes); }));

  let found: (LookAlike | null)[] = [];
  let offers = 0;
  const product = (): void => { found = pages.map((p) => check(p)); };
  const baseline = (): void => {
    offers = 0;
    for (const page of pages) for (const account of accounts) if (bindingDecision(account.origins, page, suffixes) !== 'none') offers++;
  };
  // Passes alternate (and swap which goes first) so a busy moment lands on both sides; the ratio is the median of pairs.
  for (let i = 0; i < runs.warmup; i++) { product(); baseline(); }
  const ourMs: number[] = [];
  const baseMs: number[] = [];
  const pairRatios: number[] = [];
  for (let i = 0; i < runs.runs * 2 + 1; i++) {
    const first = i % 2 === 0 ? product : baseline;
    const second = i % 2 === 0 ? baseline : product;
    const a = await timeMs(first);
    const b = await timeMs(second);
    const [p, q] = i % 2 === 0 ? [a, b] : [b, a];
    ourMs.push(p);
    baseMs.push(q);
    pairRatios.push(p / q);
  }
  const perPage = (ms: number): number => (ms * 1000) / pages.length;
  const reasons = new Map<string, number>();
  for (const f of found) reasons.set(f?.reason ?? 'none', (reasons.get(f?.reason ?? 'none') ?? 0) + 1);
  return [{
    name: `look-alike check, ${count} accounts`,
    value: perPage(median(ourMs)),
    unit: 'µs/page',
    baseline: perPage(median(baseMs)),
    baselineName: `bindingDecision × ${count} accounts`,
    note: `${pages.length} pages, ${bound.length} bound origins; answers ${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')}; `
      + `${offers} fill/offer decisions; median ratio of ${pairRatios.length} interleaved pairs ${median(pairRatios).toFixed(4)}`,
  }, {
    // Built once per vault state: what it costs is said in page checks of the popup's existing work.
    name: `look-alike index build, ${count} accounts`,
    value: median(buildMs),
    unit: 'ms',
    baseline: median(baseMs) / pages.length,
    baselineName: `bindingDecision × ${count} accounts, one page`,
    note: `${bound.length} bound origins, median of ${buildMs.length} builds after ${runs.warmup} warm-up`,
  }];
}

export async function benchLookAlike(opts: BenchOptions): Promise<BenchRow[]> {
  const suffixes = parseSuffixTable({ rules: SUFFIX_RULES, exceptions: SUFFIX_EXCEPTIONS });
  const rows: BenchRow[] = [];
  for (const count of SIZES) rows.push(...(await benchSize(count, suffixes, opts)));
  return rows;
}

runIfMain(import.meta.url, benchLookAlike);

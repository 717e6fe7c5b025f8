// registrableDomain must give tldts's answers (which siteOf used before) for every rule of the Public Suffix List.
import { readFileSync } from 'node:fs';
import { getDomain } from 'tldts';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicSuffixRules, SUFFIX_TABLE_FILE, suffixTableSource } from '../../../scripts/build/suffix-table.ts';
import { registrableDomain } from '../../../src/shared/registrable-domain.ts';
import { siteOf } from '../../../src/shared/site.ts';
import { suffixes } from '../support/suffix-table.ts';

/** What siteOf asked tldts before the table replaced it. */
const tldtsAnswer = (hostname: string): string | null => getDomain(hostname, { allowPrivateDomains: true });

/** The hostname a browser would use for `name`: lower case, punycode, or null when URL refuses it. */
function urlHostname(name: string): string | null {
  try {
    return new URL(`https://${name}/`).hostname;
  } catch {
    return null;
  }
}

/** Every hostname whose answer differs, with both answers, so a failure names what to look at. */
function disagreements(names: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of names) {
    const host = urlHostname(name);
    if (host === null) continue;
    const ours = registrableDomain(host, suffixes);
    const theirs = tldtsAnswer(host);
    if (ours !== theirs) out.push(`${host}: ours ${String(ours)}, tldts ${String(theirs)}`);
  }
  return out;
}

let rules: string[] = [];
let exceptions: string[] = [];
beforeAll(async () => {
  ({ rules, exceptions } = await publicSuffixRules());
});

describe('registrableDomain against tldts', () => {
  it('reads a list of the expected size, with wildcard and exception rules', () => {
    expect(rules.length).toBeGreaterThan(9000);
    expect(rules).toContain('github.io');
    expect(rules).toContain('*.ck');
    expect(exceptions).toContain('www.ck');
  });

  it('agrees for every rule, one and two labels under it, with wildcards filled in', () => {
    const names = rules.flatMap((rule) => {
      const filled = [rule.replaceAll('*', 'wild'), rule.replaceAll('*', 'xn--bcher-kva')];
      return filled.flatMap((r) => [r, `b.${r}`, `a.b.${r}`]);
    });
    expect(names.length).toBeGreaterThan(50_000);
    expect(disagreements(names)).toEqual([]);
  });

  it('agrees for every exception rule, its parent and names under it', () => {
    const names = exceptions.flatMap((rule) => [rule, `b.${rule}`, `a.b.${rule}`, rule.slice(rule.indexOf('.') + 1), `other.${rule.slice(rule.indexOf('.') + 1)}`]);
    expect(disagreements(names)).toEqual([]);
  });

  it('agrees on random names built from the list, so rules are also tried under each other', () => {
    // A fixed seed keeps any failure reproducible.
    let seed = 20_261_126;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const labels = [...new Set(rules.flatMap((r) => r.split('.')))];
    const names = Array.from({ length: 30_000 }, () => {
      const rule = (rules[random(rules.length)] as string).split('.');
      const tail = rule.slice(random(rule.length)).map((l) => (l === '*' ? labels[random(labels.length)] : l));
      const head = Array.from({ length: random(3) }, () => labels[random(labels.length)]);
      return [...head, ...tail].join('.');
    });
    expect(disagreements(names)).toEqual([]);
  });

  it.each([
    'example.com', 'www.example.co.uk', 'example.com.', 'example.com..', '.example.com', '..example.com', 'a..b.example.com',
    'com', 'co.uk', 'github.io', 'user.github.io', 'a.user.github.io', 'localhost.localdomain', 'foo.unknowntld', 'a.b.unknowntld',
    'Bücher.DE', 'www.bücher.de', '食狮.com.cn', 'xn--85x722f.xn--55qx5d', 'xn--55qx5d', 'a.xn--p1ai',
    'ck', '.ck', '..ck', 'www.ck', 'a.www.ck', 'other.ck', 'a.other.ck', 'kobe.jp', 'city.kobe.jp', 'a.city.kobe.jp', 'x.kobe.jp', 'a.x.kobe.jp',
    '1.2.3.4', '1.2.3.4.example.com', '999.example.com', '0x7f.1', 'under_score.example.com', '_dmarc.example.com',
    '-lead.example.com', 'trail-.example.com', 'a-.b', `${'a'.repeat(63)}.com`, `${'a'.repeat(64)}.com`, `${'a.'.repeat(126)}com`,
    "x!$&'()*+,;=.example.com", 'a*b.example.com', 'a~b.co.uk', 'a.b.c.d.e.f.s3.amazonaws.com', 'bucket.s3.us-east-1.amazonaws.com',
  ])('agrees on %s', (name) => {
    expect(disagreements([name])).toEqual([]);
  });
});

describe('siteOf through the table', () => {
  it('keeps the answers the phishing boundary depends on', () => {
    expect(siteOf('https://login.accounts.example.com/x', suffixes)).toBe('example.com');
    expect(siteOf('https://a.user.github.io/', suffixes)).toBe('user.github.io');
    expect(siteOf('https://WWW.Bücher.DE/', suffixes)).toBe('xn--bcher-kva.de');
    expect(siteOf('https://city.kobe.jp/', suffixes)).toBe('city.kobe.jp');
    expect(siteOf('https://a.x.kobe.jp/', suffixes)).toBe('a.x.kobe.jp');
    expect(siteOf('https://co.uk/', suffixes)).toBe('co.uk');
    expect(siteOf('https://example.com./', suffixes)).toBe('example.com');
  });
});

describe('the generated table', () => {
  it('is what scripts/build/suffix-table.ts writes from the installed tldts (run `npm run suffix-table` after updating tldts)', async () => {
    expect(readFileSync(SUFFIX_TABLE_FILE, 'utf8')).toBe(await suffixTableSource());
  });
});

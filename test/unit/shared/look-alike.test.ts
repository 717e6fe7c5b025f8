// The look-alike detector as a table: which bound sites × which asking origin → which warning, and no warning at all
// between real, unrelated sites bound together (false warnings teach users to click through real ones).
import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFUSABLES_TABLE_FILE, confusablesTableSource } from '../../../scripts/build/confusables-table.ts';
import { editDistanceWithin, hostSkeleton, lookAlikeIndex, type LookAlike } from '../../../src/shared/look-alike.ts';
import { lookAlikeIndex as exported } from '../../../src/shared/index.ts';
import { suffixes } from '../support/suffix-table.ts';
import { seeded } from '../../support/seeded-random.ts';

/** The origin a browser reports for a host typed in Unicode: ASCII, with punycode labels. */
const origin = (unicodeHost: string, scheme = 'https'): string => {
  const ascii = domainToASCII(unicodeHost);
  if (!ascii) throw new Error(`not a host: ${unicodeHost}`);
  return `${scheme}://${ascii}`;
};

const BANK = ['https://bank.example'];
const PAYPAL = ['https://www.paypal.com'];
const SEVERAL = ['https://bank.example', 'https://www.paypal.com', 'https://coinbase.com', 'https://www.cloudflare.com', 'https://ibm.com', 'http://localhost:3000'];

const TABLE: [what: string, bound: string[], asking: string, expected: LookAlike | null][] = [
  // homographs, as the browser reports them (punycode)
  ['Cyrillic а in bank', BANK, origin('bаnk.example'), { boundHost: 'bank.example', reason: 'confusable' }],
  ['Greek α in bank', BANK, origin('bαnk.example'), { boundHost: 'bank.example', reason: 'confusable' }],
  ['Cyrillic а twice in paypal', PAYPAL, origin('pаypаl.com'), { boundHost: 'paypal.com', reason: 'confusable' }],
  ['Cyrillic р and а in paypal', PAYPAL, origin('раypal.com'), { boundHost: 'paypal.com', reason: 'confusable' }],
  ['a Latin dental click for l in paypal', PAYPAL, origin('paypaǀ.com'), { boundHost: 'paypal.com', reason: 'confusable' }],
  ['Greek ο and Cyrillic о mixed in one label', ['https://accounts.google.com'], origin('gοоgle.com'), { boundHost: 'google.com', reason: 'confusable' }],
  ['a homograph of the bound host itself, subdomain and all', ['https://login.bank.example'], origin('login.bаnk.example'), { boundHost: 'login.bank.example', reason: 'confusable' }],
  ['a homograph registrable domain under another subdomain', BANK, origin('secure.bаnk.example'), { boundHost: 'bank.example', reason: 'confusable' }],
  ['the digit 1 for l', PAYPAL, 'https://paypa1.com', { boundHost: 'paypal.com', reason: 'confusable' }],
  ['zeros for o', ['https://accounts.google.com'], 'https://g00gle.com', { boundHost: 'google.com', reason: 'confusable' }],
  ['rn for m', ['https://login.microsoft.com'], 'https://rnicrosoft.com', { boundHost: 'microsoft.com', reason: 'confusable' }],
  ['a Latin script g in a homograph of www.paypal.com', ['https://www.paypal.com', 'https://www.google.com'], origin('www.ɡoogle.com'), { boundHost: 'www.google.com', reason: 'confusable' }],
  ['a Cyrillic у and і in a homograph of a subdomain', ['https://accounts.binance.com'], origin('аccounts.binаnce.com'), { boundHost: 'accounts.binance.com', reason: 'confusable' }],
  // edit distance on the registrable label, any suffix
  ['one substitution', PAYPAL, 'https://paypak.com', { boundHost: 'paypal.com', reason: 'edit-distance' }],
  ['one insertion', PAYPAL, 'https://paypall.com', { boundHost: 'paypal.com', reason: 'edit-distance' }],
  ['one deletion', PAYPAL, 'https://paypl.com', { boundHost: 'paypal.com', reason: 'edit-distance' }],
  ['one transposition', BANK, 'https://bnak.example', { boundHost: 'bank.example', reason: 'edit-distance' }],
  ['one edit on another suffix', PAYPAL, 'https://paypa1.net', { boundHost: 'paypal.com', reason: 'edit-distance' }],
  ['two substitutions in a long label', SEVERAL, 'https://coimbasa.com', { boundHost: 'coinbase.com', reason: 'edit-distance' }],
  ['a transposition and a deletion in a long label', SEVERAL, 'https://cluodfare.com', { boundHost: 'cloudflare.com', reason: 'edit-distance' }],
  ['two insertions in a long label', SEVERAL, 'https://coinnbasse.com', { boundHost: 'coinbase.com', reason: 'edit-distance' }],
  ['ö for a is no homograph under UTS #39, but one edit (xn--bnk-sna is bönk, not bаnk)', BANK, 'https://xn--bnk-sna.example', { boundHost: 'bank.example', reason: 'edit-distance' }],
  ['two deletions in a long label', SEVERAL, 'https://cloudfar.com', { boundHost: 'cloudflare.com', reason: 'edit-distance' }],
  ['two edits in a six-letter label are another name, not a typo', PAYPAL, 'https://payxyl.com', null],
  ['github is not a typo of gitlab', ['https://gitlab.com'], 'https://github.com', null],
  ['one edit in a three-letter label is another name', SEVERAL, 'https://ibn.com', null],
  ['three edits are another name', SEVERAL, 'https://coimbasa1.com', null],
  // the same label on another public suffix
  ['another top-level domain', BANK, 'https://bank.test', { boundHost: 'bank.example', reason: 'other-suffix' }],
  ['a two-label public suffix', BANK, 'https://bank.co.uk', { boundHost: 'bank.example', reason: 'other-suffix' }],
  ['a country domain of a .com', PAYPAL, 'https://www.paypal.de', { boundHost: 'paypal.com', reason: 'other-suffix' }],
  ['a private suffix', ['https://alice.github.io'], 'https://alice.gitlab.io', { boundHost: 'alice.github.io', reason: 'other-suffix' }],
  ['a homograph of a three-letter label on another suffix', SEVERAL, origin('іbm.net'), { boundHost: 'ibm.com', reason: 'other-suffix' }],
  ['an all-Cyrillic paypal on another suffix (too many edits for a typo)', PAYPAL, origin('раураl.net'), { boundHost: 'paypal.com', reason: 'other-suffix' }],
  ['a two-letter name on another suffix is too common to mean anything', ['https://hp.com'], 'https://hp.fr', null],
  // the bound name inside a longer host
  ['the registrable domain as consecutive labels', BANK, 'https://bank.example.evil.test', { boundHost: 'bank.example', reason: 'embedded-name' }],
  ['the registrable domain with its dot as a hyphen', BANK, 'https://bank-example.evil.test', { boundHost: 'bank.example', reason: 'embedded-name' }],
  ['the hyphenated domain inside a longer label', BANK, 'https://secure-bank-example.test', { boundHost: 'bank.example', reason: 'embedded-name' }],
  ['the label as the first word of a label', BANK, 'https://bank-login.test', { boundHost: 'bank.example', reason: 'embedded-name' }],
  ['the label as the last word of a label', BANK, 'https://login-bank.test', { boundHost: 'bank.example', reason: 'embedded-name' }],
  ['the label as a subdomain of another site', BANK, 'https://bank.evil.test', { boundHost: 'bank.example', reason: 'embedded-name' }],
  ['a homograph of the label as a word of a longer host', BANK, origin('bаnk-login.test'), { boundHost: 'bank.example', reason: 'embedded-name' }],
  ['a homograph of the whole domain inside a longer host', BANK, origin('bаnk.example.evil.test'), { boundHost: 'bank.example', reason: 'embedded-name' }],
  ['a longer word that starts with the label is another word', BANK, 'https://banking.test', null],
  ['the label as a word of the asking host\'s public suffix', ['https://test.example'], 'https://bank.evil.test', null],
  ['a generic service word as a subdomain does not imitate a site named by that word', ['https://secure.login.gov'], 'https://login.microsoftonline.com', null],
  ['a platform\'s own public suffix is not its look-alike', ['https://github.com', 'https://vercel.com'], 'https://github.io', null],
  ['a homograph of a bare public suffix still is', ['https://github.io'], origin('gіthub.io'), { boundHost: 'github.io', reason: 'confusable' }],
  // the same site: bindingDecision's business, never a warning
  ['plain http of the bound host', BANK, 'http://bank.example', null],
  ['https of an http binding', ['http://bank.example'], 'https://bank.example', null],
  ['a subdomain of the bound site', BANK, 'https://login.bank.example', null],
  ['another port of the bound host', BANK, 'https://bank.example:8443', null],
  ['the bound origin itself', PAYPAL, 'https://www.paypal.com', null],
  ['upper case and a trailing dot', BANK, 'https://BANK.example./x', null],
  // no look-alikes for loopback, IP addresses and origins that are no web origin
  ['loopback on another port', SEVERAL, 'http://localhost:4000', null],
  ['loopback by address', SEVERAL, 'http://127.0.0.1:3000', null],
  ['IPv6 loopback', SEVERAL, 'http://[::1]:3000', null],
  ['an IP address', SEVERAL, 'https://93.184.216.34', null],
  ['an opaque origin', SEVERAL, 'null', null],
  ['a file URL', SEVERAL, 'file:///etc/passwd', null],
  ['another extension', SEVERAL, 'chrome-extension://abcdefghijklmnop', null],
  ['junk', SEVERAL, 'not an origin', null],
  ['nothing bound', [], origin('bаnk.example'), null],
  ['bindings that are no origins', ['null', 'junk', 'file:///x'], 'https://bank.test', null],
];

describe('lookAlikeIndex', () => {
  it.each(TABLE)('%s: bound %j, asked from %s → %j', (_what, bound, asking, expected) => {
    expect(lookAlikeIndex(bound, suffixes)(asking)).toEqual(expected);
  });

  it('is exported from the shared core', () => {
    expect(exported).toBe(lookAlikeIndex);
  });

  it('answers from an index built once, for any number of pages', () => {
    const ask = lookAlikeIndex(SEVERAL, suffixes);
    expect(ask(origin('bаnk.example'))?.reason).toBe('confusable');
    expect(ask('https://bank.example')).toBeNull();
    expect(ask(origin('bаnk.example'))?.reason).toBe('confusable');
  });
});

/**
 * Well-known accounts with two-factor sign-in, each with the origins a user binds to it (where the code is typed,
 * and the service's other domain where it has one: a user's Atlassian account is bound to id.atlassian.com and to
 * their acme.atlassian.net). With the registrable domain of each origin, written out rather than computed, so the
 * test does not lean on the code it checks.
 */
const REAL_ACCOUNTS: { origins: string[]; domains: string[] }[] = [
  { origins: ['https://github.com'], domains: ['github.com'] },
  { origins: ['https://gitlab.com'], domains: ['gitlab.com'] },
  { origins: ['https://accounts.google.com'], domains: ['google.com'] },
  { origins: ['https://login.microsoftonline.com', 'https://account.microsoft.com'], domains: ['microsoftonline.com', 'microsoft.com'] },
  { origins: ['https://appleid.apple.com'], domains: ['apple.com'] },
  { origins: ['https://www.amazon.com'], domains: ['amazon.com'] },
  { origins: ['https://signin.aws.amazon.com'], domains: ['amazon.com'] },
  { origins: ['https://www.dropbox.com'], domains: ['dropbox.com'] },
  { origins: ['https://x.com', 'https://twitter.com'], domains: ['x.com', 'twitter.com'] },
  { origins: ['https://www.facebook.com'], domains: ['facebook.com'] },
  { origins: ['https://www.linkedin.com'], domains: ['linkedin.com'] },
  { origins: ['https://app.slack.com'], domains: ['slack.com'] },
  { origins: ['https://id.atlassian.com', 'https://acme.atlassian.net'], domains: ['atlassian.com', 'atlassian.net'] },
  { origins: ['https://www.npmjs.com'], domains: ['npmjs.com'] },
  { origins: ['https://pypi.org'], domains: ['pypi.org'] },
  { origins: ['https://dash.cloudflare.com'], domains: ['cloudflare.com'] },
  { origins: ['https://cloud.digitalocean.com'], domains: ['digitalocean.com'] },
  { origins: ['https://account.proton.me'], domains: ['proton.me'] },
  { origins: ['https://vault.bitwarden.com'], domains: ['bitwarden.com'] },
  { origins: ['https://discord.com'], domains: ['discord.com'] },
  { origins: ['https://www.reddit.com'], domains: ['reddit.com'] },
  { origins: ['https://www.twitch.tv'], domains: ['twitch.tv'] },
  { origins: ['https://www.paypal.com'], domains: ['paypal.com'] },
  { origins: ['https://dashboard.stripe.com'], domains: ['stripe.com'] },
  { origins: ['https://www.coinbase.com'], domains: ['coinbase.com'] },
  { origins: ['https://accounts.binance.com'], domains: ['binance.com'] },
  { origins: ['https://id.heroku.com'], domains: ['heroku.com'] },
  { origins: ['https://app.netlify.com'], domains: ['netlify.com'] },
  { origins: ['https://vercel.com'], domains: ['vercel.com'] },
  { origins: ['https://id.gandi.net'], domains: ['gandi.net'] },
  { origins: ['https://secure.login.gov'], domains: ['login.gov'] },
  { origins: ['https://www.kraken.com'], domains: ['kraken.com'] },
  { origins: ['https://app.fastmail.com'], domains: ['fastmail.com'] },
  { origins: ['https://www.instagram.com'], domains: ['instagram.com'] },
  { origins: ['https://login.yahoo.com'], domains: ['yahoo.com'] },
  { origins: ['https://accounts.zoho.com'], domains: ['zoho.com'] },
  { origins: ['https://zoom.us'], domains: ['zoom.us'] },
  { origins: ['https://store.steampowered.com'], domains: ['steampowered.com'] },
  { origins: ['https://www.epicgames.com'], domains: ['epicgames.com'] },
  { origins: ['https://sso.godaddy.com'], domains: ['godaddy.com'] },
  { origins: ['https://www.namecheap.com'], domains: ['namecheap.com'] },
  { origins: ['https://www.ovh.com'], domains: ['ovh.com'] },
  { origins: ['https://accounts.hetzner.com'], domains: ['hetzner.com'] },
  { origins: ['https://www.notion.so'], domains: ['notion.so'] },
  { origins: ['https://www.figma.com'], domains: ['figma.com'] },
  { origins: ['https://login.docker.com'], domains: ['docker.com'] },
  { origins: ['https://bitbucket.org'], domains: ['bitbucket.org'] },
  { origins: ['https://codeberg.org'], domains: ['codeberg.org'] },
  { origins: ['https://my.1password.com'], domains: ['1password.com'] },
  { origins: ['https://lastpass.com'], domains: ['lastpass.com'] },
  { origins: ['https://www.patreon.com'], domains: ['patreon.com'] },
  { origins: ['https://wordpress.com'], domains: ['wordpress.com'] },
  { origins: ['https://www.ebay.com'], domains: ['ebay.com'] },
  { origins: ['https://wise.com'], domains: ['wise.com'] },
  { origins: ['https://app.revolut.com'], domains: ['revolut.com'] },
  { origins: ['https://www.schwab.com'], domains: ['schwab.com'] },
  { origins: ['https://www.fidelity.com'], domains: ['fidelity.com'] },
  { origins: ['https://robinhood.com'], domains: ['robinhood.com'] },
  { origins: ['https://www.chase.com'], domains: ['chase.com'] },
  { origins: ['https://www.bankofamerica.com'], domains: ['bankofamerica.com'] },
  { origins: ['https://www.americanexpress.com'], domains: ['americanexpress.com'] },
  { origins: ['https://www.discover.com'], domains: ['discover.com'] },
  { origins: ['https://login.mailchimp.com'], domains: ['mailchimp.com'] },
  { origins: ['https://www.twilio.com'], domains: ['twilio.com'] },
  { origins: ['https://auth0.com'], domains: ['auth0.com'] },
  { origins: ['https://login.okta.com'], domains: ['okta.com'] },
];
const ALL_ORIGINS = REAL_ACCOUNTS.flatMap((a) => a.origins);

/** A Cyrillic or Greek letter that looks like the Latin one. */
const HOMOGLYPH: Record<string, string> = { a: 'а', c: 'с', d: 'ԁ', e: 'е', h: 'һ', i: 'і', j: 'ј', o: 'о', p: 'р', s: 'ѕ', v: 'ν', x: 'х', y: 'у' };

/** The look-alikes a phisher would register for a site: what each must be reported as. */
function lookAlikesOf(domain: string): [asking: string, reason: LookAlike['reason']][] {
  const [label, ...rest] = domain.split('.');
  const suffix = rest.join('.');
  const name = label as string;
  const out: [string, LookAlike['reason']][] = [];
  const swap = [...name].findIndex((ch) => HOMOGLYPH[ch] !== undefined);
  if (swap >= 0) out.push([origin(`${name.slice(0, swap)}${HOMOGLYPH[name[swap] as string]}${name.slice(swap + 1)}.${suffix}`), 'confusable']);
  if (name.length >= 4) out.push([`https://${name}${name.at(-1) === 'q' ? 'w' : 'q'}.${suffix}`, 'edit-distance']);
  // a deletion and a substitution (q for the last letter, or w for a last q)
  if (name.length >= 7) out.push([`https://${name.slice(0, 2)}${name.slice(3, -1)}${name.at(-1) === 'q' ? 'w' : 'q'}.${suffix}`, 'edit-distance']);
  if (name.length >= 3) out.push([`https://${name}.${suffix === 'test' ? 'example' : 'test'}`, 'other-suffix']);
  out.push([`https://${domain.replaceAll('.', '-')}.evil.test`, 'embedded-name']);
  out.push([`https://${domain}.evil.test`, 'embedded-name']);
  if (name.length >= 4 && !/^(login|mail|secure)$/.test(name)) out.push([`https://${name}-verify.test`, 'embedded-name']);
  return out;
}

describe('lookAlikeIndex on real, unrelated sites', () => {
  const domains = [...new Set(REAL_ACCOUNTS.flatMap((a) => a.domains))];

  it('lists more than 30 distinct sites', () => {
    expect(domains.length).toBeGreaterThan(30);
  });

  it('warns on none of them when every other account is bound', () => {
    const reported: string[] = [];
    for (const account of REAL_ACCOUNTS) {
      const others = REAL_ACCOUNTS.filter((a) => !a.domains.some((d) => account.domains.includes(d))).flatMap((a) => a.origins);
      const ask = lookAlikeIndex(others, suffixes);
      for (const page of account.origins) {
        const found = ask(page);
        if (found) reported.push(`${page} → ${found.boundHost} (${found.reason})`);
      }
    }
    expect(reported).toEqual([]);
  });

  it('warns on none of them when all are bound, also from their other well-known pages', () => {
    const ask = lookAlikeIndex(ALL_ORIGINS, suffixes);
    const pages = [...ALL_ORIGINS, 'https://mail.google.com', 'https://www.google.com', 'https://aws.amazon.com',
      'https://www.apple.com', 'https://gist.github.com', 'https://www.gandi.net', 'https://proton.me', 'https://mail.proton.me'];
    expect(pages.filter((p) => ask(p) !== null)).toEqual([]);
  });

  it('reports each look-alike of each of them, with all of them bound', () => {
    const ask = lookAlikeIndex(ALL_ORIGINS, suffixes);
    const wrong: string[] = [];
    let checked = 0;
    for (const account of REAL_ACCOUNTS) {
      for (const domain of account.domains) {
        for (const [asking, reason] of lookAlikesOf(domain)) {
          const found = ask(asking);
          checked++;
          // A look-alike of atlassian.net may be reported as one of atlassian.com: both name the same account.
          if (found?.reason !== reason || !account.domains.includes(found.boundHost)) {
            wrong.push(`${asking}: ${JSON.stringify(found)}, expected ${reason} of ${domain}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(domains.length * 4);
  });
});

describe('lookAlikeIndex on seeded random typos', () => {
  it('finds every bound label within the allowed edits, exactly as a scan of all labels does', () => {
    const rnd = seeded(2126);
    const letters = 'abcdefghiklmnoprstu';
    const word = (length: number): string => Array.from({ length }, () => letters[Math.floor(rnd() * letters.length)]).join('');
    const labels = [...new Set(Array.from({ length: 400 }, () => word(3 + Math.floor(rnd() * 8))))];
    const ask = lookAlikeIndex(labels.map((l) => `https://${l}.com`), suffixes);
    const cp = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0) as number);
    const allowed = (bound: string): number => (bound.length >= 7 ? 2 : bound.length >= 4 ? 1 : 0);
    let typos = 0;
    for (let i = 0; i < 3000; i++) {
      // one or two random edits of a bound label: substitution, insertion, deletion or adjacent transposition
      let typo = labels[Math.floor(rnd() * labels.length)] as string;
      for (let e = 0; e < 1 + Math.floor(rnd() * 2); e++) {
        const at = Math.floor(rnd() * typo.length);
        const op = Math.floor(rnd() * 4);
        if (op === 0) typo = typo.slice(0, at) + word(1) + typo.slice(at + 1);
        else if (op === 1) typo = typo.slice(0, at) + word(1) + typo.slice(at);
        else if (op === 2 && typo.length > 1) typo = typo.slice(0, at) + typo.slice(at + 1);
        else if (at + 1 < typo.length) typo = typo.slice(0, at) + typo[at + 1] + typo[at] + typo.slice(at + 2);
      }
      if (labels.includes(typo)) continue; // an edit that landed on another bound name: other-suffix, not a typo
      const distances = labels.map((l) => editDistanceWithin(cp(typo), cp(l), 2)).map((d, k) => (d <= allowed(labels[k] as string) ? d : Infinity));
      const nearest = Math.min(...distances);
      const found = ask(`https://${typo}.net`);
      if (nearest === Infinity) {
        expect(found, `iteration ${i}: ${typo}`).toBeNull();
      } else {
        typos++;
        expect(found?.reason, `iteration ${i}: ${typo}`).toBe('edit-distance');
        const label = (found?.boundHost ?? '').replace(/\.com$/, '');
        expect(distances[labels.indexOf(label)], `iteration ${i}: ${typo} → ${label}`).toBe(nearest);
      }
    }
    expect(typos).toBeGreaterThan(1000);
  });
});

describe('hostSkeleton', () => {
  it('maps homoglyphs of any script to one skeleton, without case', () => {
    expect(hostSkeleton('bаnk.example')).toBe(hostSkeleton('bank.example'));
    expect(hostSkeleton('bαnk.example')).toBe(hostSkeleton('bank.example'));
    expect(hostSkeleton('paypa1.com')).toBe(hostSkeleton('paypal.com'));
  });

  it('drops the invisible joiners that host names may hold', () => {
    expect(hostSkeleton('ba\u200dnk.example')).toBe(hostSkeleton('bank.example'));
  });

  it('keeps letters that only resemble each other loosely apart', () => {
    expect(hostSkeleton('bönk.example')).not.toBe(hostSkeleton('bank.example'));
    expect(hostSkeleton('github.com')).not.toBe(hostSkeleton('gitlab.com'));
  });
});

describe('editDistanceWithin', () => {
  const cp = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0) as number);
  it.each([
    ['paypal', 'paypal', 0], ['paypal', 'paypa1', 1], ['paypal', 'paypall', 1], ['paypal', 'paypl', 1], ['bank', 'bnak', 1],
    ['github', 'gitlab', 2], ['cloudflare', 'cluodfare', 2], ['kitten', 'sitting', 3], ['ca', 'abc', 3], ['', 'abc', 3],
  ] as const)('%s → %s is %i edits (restricted Damerau-Levenshtein)', (a, b, expected) => {
    expect(editDistanceWithin(cp(a), cp(b), 5)).toBe(expected);
  });

  it('stops at max + 1 once the answer is over the limit', () => {
    expect(editDistanceWithin(cp('kitten'), cp('sitting'), 2)).toBe(3);
    expect(editDistanceWithin(cp('a'), cp('abcdef'), 1)).toBe(2);
  });
});

describe('the generated confusables table', () => {
  it('is what scripts/build/confusables-table.ts writes from the installed packages (run `npm run confusables-table` after updating them)', () => {
    expect(readFileSync(CONFUSABLES_TABLE_FILE, 'utf8')).toBe(confusablesTableSource());
  });
});

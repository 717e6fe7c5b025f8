// The binding policy as a table: which origin an account is bound to × which origin asks → fill, offer or nothing.
import { describe, expect, it } from 'vitest';
import { bindingDecision, isBoundOrigin, type BindingDecision } from '../../../src/shared/origin-binding.ts';
import { isInsecureOrigin, normaliseOriginInput, originOfUrl, originsForLegacySite } from '../../../src/shared/origin.ts';
import { suffixes } from '../support/suffix-table.ts';

const TABLE: [bound: string[], asking: string | null, expected: BindingDecision][] = [
  // exactly the bound origin: the only automatic fill
  [['https://bank.example'], 'https://bank.example', 'fill'],
  [['https://bank.example'], 'https://bank.example:443', 'fill'],
  [['https://BANK.example/'], 'https://bank.example', 'fill'], // compared as origins, not as strings
  [['http://localhost:3000'], 'http://localhost:3000', 'fill'],
  [['http://127.0.0.1:8080'], 'http://127.0.0.1:8080', 'fill'],
  // scheme: an https binding never reaches http, not even as an offer
  [['https://bank.example'], 'http://bank.example', 'none'],
  [['https://bank.example'], 'http://anything.bank.example:8080', 'none'],
  [['http://bank.example'], 'https://bank.example', 'offer'],
  // other hosts of the same registrable domain: offered, never filled
  [['https://bank.example'], 'https://login.bank.example', 'offer'],
  [['https://login.bank.example'], 'https://bank.example', 'offer'],
  [['https://bank.example'], 'https://bank.example:8443', 'offer'],
  [['http://bank.test:8080'], 'http://evil.bank.test:8080', 'offer'],
  // loopback and IP hosts keep their port
  [['http://localhost:3000'], 'http://localhost:4000', 'offer'],
  [['http://localhost:3000'], 'http://127.0.0.1:3000', 'none'],
  [['http://127.0.0.1:3000'], 'http://127.0.0.2:3000', 'none'],
  // look-alikes and unrelated sites get nothing
  [['https://bank.example'], 'https://bank-login.example', 'none'],
  [['https://bank.example'], 'https://bank.example.evil.io', 'none'],
  [['https://bank.example'], 'https://examp1e.com', 'none'],
  [['https://alice.github.io'], 'https://mallory.github.io', 'none'], // private suffixes are registrable domains
  // no usable origin: opaque (sandboxed) documents, other schemes, junk
  [['https://bank.example'], 'null', 'none'],
  [['https://bank.example'], null, 'none'],
  [['https://bank.example'], 'file:///etc/passwd', 'none'],
  [['https://bank.example'], 'chrome-extension://abc', 'none'],
  [[], 'https://bank.example', 'none'],
  [['not an origin', 'null'], 'https://bank.example', 'none'],
  // several bindings: an exact one wins over a related one
  [['https://login.bank.example', 'https://bank.example'], 'https://bank.example', 'fill'],
];

describe('bindingDecision', () => {
  it.each(TABLE)('bound %j, asked from %s → %s', (bound, asking, expected) => {
    expect(bindingDecision(bound, asking, suffixes)).toBe(expected);
  });

  it.each(TABLE)('isBoundOrigin agrees that bound %j, asked from %s, is a fill exactly when the decision is (%s)', (bound, asking, expected) => {
    expect(isBoundOrigin(bound, asking)).toBe(expected === 'fill');
  });
});

describe('originOfUrl', () => {
  it('keeps scheme, host and a non-default port, and drops path and query', () => {
    expect(originOfUrl('https://Login.Bank.example:8443/two-factor?x=1')).toBe('https://login.bank.example:8443');
    expect(originOfUrl('https://bank.example:443/')).toBe('https://bank.example');
    expect(originOfUrl('http://[::1]:3000/x')).toBe('http://[::1]:3000');
  });
  it('gives nothing for opaque and non-web origins', () => {
    for (const u of ['null', '', 'about:blank', 'data:text/html,x', 'blob:https://bank.example/1', 'javascript:alert(1)', 'file:///x']) {
      expect(originOfUrl(u)).toBeNull();
    }
  });
});

describe('originsForLegacySite (migrating site bindings)', () => {
  it('turns a registrable domain into its https origin only', () => {
    expect(originsForLegacySite('bank.example')).toEqual(['https://bank.example']);
  });
  it('keeps http beside https for loopback and IP hosts', () => {
    expect(originsForLegacySite('localhost')).toEqual(['https://localhost', 'http://localhost']);
    expect(originsForLegacySite('127.0.0.1')).toEqual(['https://127.0.0.1', 'http://127.0.0.1']);
  });
  it('drops what is not a host', () => {
    expect(originsForLegacySite('')).toEqual([]);
    expect(originsForLegacySite('bad host name')).toEqual([]);
  });
});

describe('isInsecureOrigin', () => {
  it('is plain http to anything but loopback', () => {
    expect(isInsecureOrigin('http://bank.example')).toBe(true);
    expect(isInsecureOrigin('https://bank.example')).toBe(false);
    expect(isInsecureOrigin('http://localhost:3000')).toBe(false);
    expect(isInsecureOrigin('http://127.0.0.1:8080')).toBe(false);
  });
});

describe('normaliseOriginInput', () => {
  it('reads what users type', () => {
    expect(normaliseOriginInput('https://Login.Example.com/x')).toBe('https://login.example.com');
    expect(normaliseOriginInput('example.com')).toBe('https://example.com');
    expect(normaliseOriginInput('localhost:3000')).toBe('http://localhost:3000');
    expect(normaliseOriginInput('127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(normaliseOriginInput('http://bank.example')).toBe('http://bank.example');
  });
  it('refuses what is not a web origin', () => {
    for (const s of ['', 'ftp://x.example', 'chrome://extensions', 'not a host', 'a'.repeat(400)]) {
      expect(normaliseOriginInput(s)).toBeNull();
    }
  });
});

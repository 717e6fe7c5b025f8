// siteOf decides where a code may be filled: these cases are the phishing boundary.
import { describe, expect, it } from 'vitest';
import { normaliseSiteInput, siteOf } from '../../../src/shared/site.ts';
import { suffixes } from '../support/suffix-table.ts';

describe('siteOf', () => {
  it('reduces a host to its registrable domain', () => {
    expect(siteOf('https://login.accounts.example.com/x?y', suffixes)).toBe('example.com');
    expect(siteOf('https://www.example.co.uk', suffixes)).toBe('example.co.uk');
  });

  it('keeps look-alike domains apart from the real one', () => {
    expect(siteOf('https://example.com.evil.io/login', suffixes)).toBe('evil.io');
    expect(siteOf('https://examp1e.com', suffixes)).toBe('examp1e.com');
    expect(siteOf('https://example-com.github.io', suffixes)).toBe('example-com.github.io');
  });

  it('treats localhost and 127.0.0.1 as different sites and ignores ports', () => {
    expect(siteOf('http://localhost:3000/two-factor-challenge', suffixes)).toBe('localhost');
    expect(siteOf('http://127.0.0.1:41234/', suffixes)).toBe('127.0.0.1');
    expect(siteOf('http://127.0.0.1:1/', suffixes)).toBe(siteOf('http://127.0.0.1:2/', suffixes));
  });

  it('gives no site for non-web URLs and garbage', () => {
    expect(siteOf('chrome://extensions', suffixes)).toBeNull();
    expect(siteOf('file:///etc/passwd', suffixes)).toBeNull();
    expect(siteOf('not a url', suffixes)).toBeNull();
    expect(siteOf('', suffixes)).toBeNull();
  });
});

describe('normaliseSiteInput', () => {
  it('accepts what users type and normalises it', () => {
    expect(normaliseSiteInput('  Login.Example.com ', suffixes)).toBe('example.com');
    expect(normaliseSiteInput('https://github.com/settings', suffixes)).toBe('github.com');
    expect(normaliseSiteInput('localhost', suffixes)).toBe('localhost');
  });

  it('refuses empty or impossible input', () => {
    expect(normaliseSiteInput('', suffixes)).toBeNull();
    expect(normaliseSiteInput('   ', suffixes)).toBeNull();
    expect(normaliseSiteInput('a'.repeat(300), suffixes)).toBeNull();
    expect(normaliseSiteInput('javascript:alert(1)', suffixes)).toBeNull();
  });
});

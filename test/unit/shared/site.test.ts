// siteOf decides where a code may be filled: these cases are the phishing boundary.
import { describe, expect, it } from 'vitest';
import { normaliseSiteInput, siteOf } from '../../../src/shared/site.ts';

describe('siteOf', () => {
  it('reduces a host to its registrable domain', () => {
    expect(siteOf('https://login.accounts.example.com/x?y')).toBe('example.com');
    expect(siteOf('https://www.example.co.uk')).toBe('example.co.uk');
  });

  it('keeps look-alike domains apart from the real one', () => {
    expect(siteOf('https://example.com.evil.io/login')).toBe('evil.io');
    expect(siteOf('https://examp1e.com')).toBe('examp1e.com');
    expect(siteOf('https://example-com.github.io')).toBe('example-com.github.io');
  });

  it('treats localhost and 127.0.0.1 as different sites and ignores ports', () => {
    expect(siteOf('http://localhost:3000/two-factor-challenge')).toBe('localhost');
    expect(siteOf('http://127.0.0.1:41234/')).toBe('127.0.0.1');
    expect(siteOf('http://127.0.0.1:1/')).toBe(siteOf('http://127.0.0.1:2/'));
  });

  it('gives no site for non-web URLs and garbage', () => {
    expect(siteOf('chrome://extensions')).toBeNull();
    expect(siteOf('file:///etc/passwd')).toBeNull();
    expect(siteOf('not a url')).toBeNull();
    expect(siteOf('')).toBeNull();
  });
});

describe('normaliseSiteInput', () => {
  it('accepts what users type and normalises it', () => {
    expect(normaliseSiteInput('  Login.Example.com ')).toBe('example.com');
    expect(normaliseSiteInput('https://github.com/settings')).toBe('github.com');
    expect(normaliseSiteInput('localhost')).toBe('localhost');
  });

  it('refuses empty or impossible input', () => {
    expect(normaliseSiteInput('')).toBeNull();
    expect(normaliseSiteInput('   ')).toBeNull();
    expect(normaliseSiteInput('a'.repeat(300))).toBeNull();
    expect(normaliseSiteInput('javascript:alert(1)')).toBeNull();
  });
});

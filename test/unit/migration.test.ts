// Google Authenticator export decoding, against protobuf payloads built by hand in the test.
import { describe, expect, it } from 'vitest';
import { decodeMigrationPayload, decodeMigrationUri, MigrationError } from '../../src/shared/migration.ts';
import { formatOtpauthUri, parseOtpauthUri } from '../../src/shared/otpauth.ts';
import { bfield, otpParameters, payload, sfield, uri, varint, vfield } from './migration-payload-writer.ts';

// "Hello!\xde\xad\xbe\xef" is JBSWY3DPEHPK3PXP in base32, the classic example secret.
const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];

describe('decodeMigrationUri', () => {
  it('decodes one TOTP account with every optional field omitted', () => {
    const result = decodeMigrationUri(uri(payload([{ secret: HELLO, name: 'alice@example.com' }])));
    expect(result.accounts).toEqual([{
      type: 'totp', issuer: '', account: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
    }]);
    expect(result.batch).toEqual({ size: 1, index: 0, id: 0 });
    expect(result.skipped).toEqual([]);
  });

  it('decodes several accounts with algorithms, digit counts, HOTP counters and issuer-prefixed names', () => {
    const result = decodeMigrationUri(uri(payload([
      { secret: HELLO, name: 'ACME:alice', issuer: 'ACME', algorithm: 2, digits: 2, type: 2 },
      { secret: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], name: 'Bank:bob', algorithm: 3, digits: 1, type: 1, counter: 42 },
      { secret: HELLO, name: 'carol', issuer: 'Example' },
    ])));
    expect(result.accounts).toMatchObject([
      { type: 'totp', issuer: 'ACME', account: 'alice', algorithm: 'SHA256', digits: 8, counter: 0 },
      { type: 'hotp', issuer: 'Bank', account: 'bob', algorithm: 'SHA512', digits: 6, counter: 42, secret: 'AEBAGBAFAYDQQCIK' },
      { type: 'totp', issuer: 'Example', account: 'carol', algorithm: 'SHA1' },
    ]);
  });

  it('reads multi-byte varints: long names, large counters, 64-byte secrets and negative batch ids', () => {
    const longName = 'n'.repeat(256); // the longest name Keyfob keeps, and a two-byte length varint
    const secret = Array.from({ length: 64 }, (_, i) => i);
    const result = decodeMigrationUri(uri(payload(
      [{ secret, name: longName, issuer: 'Issuer', type: 1, counter: 2n ** 40n }],
      { size: 3, index: 2, id: -123456789 },
    )));
    expect(result.accounts[0]?.account).toBe(longName);
    expect(result.accounts[0]?.counter).toBe(2 ** 40);
    expect(result.accounts[0]?.secret).toHaveLength(103);
    expect(result.batch).toEqual({ size: 3, index: 2, id: -123456789 });
  });

  it('reports the batch position of each part of a multi-code export', () => {
    const parts = [0, 1].map((index) => decodeMigrationUri(uri(payload(
      [{ secret: [index + 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], name: `user${index}` }],
      { size: 2, index, id: 77 },
    ))));
    expect(parts.map((p) => p.batch)).toEqual([{ size: 2, index: 0, id: 77 }, { size: 2, index: 1, id: 77 }]);
    expect(parts.map((p) => p.accounts[0]?.account)).toEqual(['user0', 'user1']);
  });

  it('skips unknown fields and fixed-width fields it does not need', () => {
    const extra = [...vfield(15, 9), ...varint((16 << 3) | 5), 1, 2, 3, 4, ...varint((17 << 3) | 1), 1, 2, 3, 4, 5, 6, 7, 8];
    const entry = [...otpParameters({ secret: HELLO, name: 'x' }), ...extra];
    const bytes = new Uint8Array([...bfield(1, entry), ...extra]);
    expect(decodeMigrationPayload(bytes).accounts[0]?.secret).toBe('JBSWY3DPEHPK3PXP');
  });

  it('lists accounts it cannot use instead of importing them wrongly', () => {
    const result = decodeMigrationUri(uri(payload([
      { secret: HELLO, name: 'md5-user', issuer: 'Old', algorithm: 4 },
      { secret: [], name: 'empty' },
      { secret: HELLO, name: 'good' },
    ])));
    expect(result.accounts.map((a) => a.account)).toEqual(['good']);
    expect(result.skipped).toEqual([
      { name: 'Old (md5-user)', reason: 'MD5 codes are not supported', why: { code: 'md5-unsupported' } },
      { name: 'empty', reason: 'The account has no secret', why: { code: 'no-secret' } },
    ]);
  });

  it('skips, with the reason a pasted link would get, entries that could not be exported again as otpauth:// links', () => {
    const result = decodeMigrationUri(uri(payload([
      { secret: [1, 2, 3, 4, 5], name: 'short-secret' },
      { secret: Array.from({ length: 65 }, (_, i) => i), name: 'long-secret' },
      { secret: HELLO, name: 'n'.repeat(257) },
      { secret: HELLO, name: 'line\nbreak' },
      { secret: HELLO, name: 'bob', issuer: 'Bell\u0007' },
      { secret: HELLO, name: '' },
      { secret: HELLO, name: 'kept' },
    ])));
    expect(result.accounts.map((a) => a.account)).toEqual(['kept']);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'The secret is 5 bytes; Keyfob accepts 10 to 64',
      'The secret is 65 bytes; Keyfob accepts 10 to 64',
      'The account name is longer than 256 characters',
      'The account name contains control characters',
      'The issuer contains control characters',
      'The link names neither an issuer nor an account',
    ]);
    // The same refusals as data, for the popup to word in the UI language.
    expect(result.skipped.map((s) => s.why)).toEqual([
      { code: 'secret-size', bytes: 5, min: 10, max: 64 },
      { code: 'secret-size', bytes: 65, min: 10, max: 64 },
      { code: 'bad-label', problem: 'too-long', max: 256 },
      { code: 'bad-label', problem: 'control-characters', max: 256 },
      { code: 'bad-issuer', problem: 'control-characters', max: 256 },
      { code: 'missing-label' },
    ]);
  });

  it('trims names as a pasted link is trimmed, so the account reads back the same from its exported link', () => {
    const result = decodeMigrationUri(uri(payload([{ secret: HELLO, name: '  alice  ', issuer: ' ACME ' }])));
    expect(result.accounts).toMatchObject([{ issuer: 'ACME', account: 'alice' }]);
    expect(parseOtpauthUri(formatOtpauthUri(result.accounts[0]!))).toEqual(result.accounts[0]);
  });

  it('accepts base64 whose plus signs became spaces and base64url', () => {
    const bytes = payload([{ secret: Array.from({ length: 40 }, (_, i) => 250 - i), name: 'z' }]);
    const b64 = Buffer.from(bytes).toString('base64');
    expect(b64).toMatch(/[+/]/);
    const expected = decodeMigrationUri(uri(bytes)).accounts;
    expect(decodeMigrationUri(`otpauth-migration://offline?data=${b64.replace(/\+/g, ' ')}`).accounts).toEqual(expected);
    expect(decodeMigrationUri(`otpauth-migration://offline?data=${Buffer.from(bytes).toString('base64url')}`).accounts).toEqual(expected);
  });

  const malformed: [string, string, string][] = [
    ['an otpauth URI', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', 'not_migration_uri'],
    ['another host', 'otpauth-migration://online?data=AA', 'not_migration_uri'],
    ['no data parameter', 'otpauth-migration://offline?foo=bar', 'malformed_payload'],
    ['data that is not base64', 'otpauth-migration://offline?data=%%%', 'malformed_payload'],
    ['base64 of invalid characters', 'otpauth-migration://offline?data=ab$cd', 'malformed_payload'],
    ['an empty payload', `otpauth-migration://offline?data=`, 'malformed_payload'],
    ['a truncated length', uri(new Uint8Array([0x0a, 0x20, 0x0a])), 'malformed_payload'],
    ['a varint that never ends', uri(new Uint8Array([0x18, 0xff, 0xff, 0xff])), 'malformed_payload'],
    ['an 11-byte varint', uri(new Uint8Array([0x18, ...Array(10).fill(0xff), 0x01])), 'malformed_payload'],
    ['a group wire type', uri(new Uint8Array([0x0b, 0x0c])), 'malformed_payload'],
    ['field number zero', uri(new Uint8Array([0x00, 0x01])), 'malformed_payload'],
    ['a batch index beyond its size', uri(payload([{ secret: HELLO, name: 'a' }], { size: 2, index: 2, id: 1 })), 'malformed_payload'],
    ['a name that is not UTF-8', uri(new Uint8Array(bfield(1, [...bfield(1, HELLO), ...bfield(2, [0xff, 0xfe])]))), 'malformed_payload'],
    // U+D800 written as if it were a code point (CESU-8): decoding it leniently would give a lone surrogate.
    ['a name holding an encoded lone surrogate', uri(new Uint8Array(bfield(1, [...bfield(1, HELLO), ...bfield(2, [0x61, 0xed, 0xa0, 0x80])]))), 'malformed_payload'],
    ['an issuer holding an encoded lone surrogate', uri(new Uint8Array(bfield(1, [...bfield(1, HELLO), ...sfield(2, 'a'), ...bfield(3, [0xed, 0xb0, 0x80])]))), 'malformed_payload'],
    ['a broken percent-escape in the data', 'otpauth-migration://offline?data=CjEKCkhlbGxv%zz', 'malformed_payload'],
    ['a megabyte of text', `otpauth-migration://offline?data=${'A'.repeat(1_000_000)}`, 'too_large'],
  ];
  for (const [what, input, code] of malformed) {
    it(`refuses ${what} with ${code}`, () => {
      let caught: unknown;
      try {
        decodeMigrationUri(input);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(MigrationError);
      expect((caught as MigrationError).code).toBe(code);
      expect((caught as MigrationError).message.length).toBeGreaterThan(10);
    });
  }
});

// Key URI parsing and formatting, including a table of malformed links and their error codes.
import { describe, expect, it } from 'vitest';
import { formatOtpauthUri, OtpauthError, parseOtpauthUri, type OtpAccount, type OtpauthErrorCode } from '../../../src/shared/index.ts';

const S = 'JBSWY3DPEHPK3PXP';

describe('parseOtpauthUri', () => {
  it('reads the Google Authenticator example with its defaults', () => {
    expect(parseOtpauthUri(`otpauth://totp/Example:alice@google.com?secret=${S}&issuer=Example`)).toEqual({
      type: 'totp', issuer: 'Example', account: 'alice@google.com', secret: S,
      algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
    });
  });

  it('reads every parameter of an hotp link', () => {
    expect(parseOtpauthUri(`otpauth://hotp/ACME%20Co:bob?secret=${S}&issuer=ACME%20Co&algorithm=sha512&digits=8&counter=42`)).toMatchObject({
      type: 'hotp', issuer: 'ACME Co', account: 'bob', algorithm: 'SHA512', digits: 8, counter: 42,
    });
  });

  it('accepts an encoded colon and spaces around it in the label', () => {
    expect(parseOtpauthUri(`otpauth://totp/ACME%3A%20%20alice?secret=${S}`)).toMatchObject({ issuer: 'ACME', account: 'alice' });
    expect(parseOtpauthUri(`otpauth://totp/ACME: alice?secret=${S}`)).toMatchObject({ issuer: 'ACME', account: 'alice' });
  });

  it('prefers the issuer parameter over the label prefix', () => {
    expect(parseOtpauthUri(`otpauth://totp/Old:alice?secret=${S}&issuer=New`)).toMatchObject({ issuer: 'New', account: 'alice' });
  });

  it('takes the label prefix as issuer when the parameter is absent or empty', () => {
    expect(parseOtpauthUri(`otpauth://totp/ACME:alice?secret=${S}&issuer=`)).toMatchObject({ issuer: 'ACME' });
  });

  it('accepts a label without issuer', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${S}`)).toMatchObject({ issuer: '', account: 'alice' });
  });

  it('normalises a lower-case, spaced, padded secret', () => {
    expect(parseOtpauthUri('otpauth://totp/a?secret=jbsw%20y3dp%20ehpk%203pxp%3D%3D%3D%3D').secret).toBe(S);
  });

  it('reads an upper-case scheme and type, ignores unknown parameters and fragments', () => {
    expect(parseOtpauthUri(`OTPAUTH://TOTP/a?secret=${S}&image=https%3A%2F%2Fx%2Fy.png#frag`)).toMatchObject({ type: 'totp', account: 'a' });
  });

  it('ignores a counter on a totp link', () => {
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${S}&counter=5`).counter).toBe(0);
  });

  it('fails fast on a 1 MB string', () => {
    const huge = `otpauth://totp/a?secret=${'A'.repeat(1 << 20)}`;
    expect(() => parseOtpauthUri(huge)).toThrow(expect.objectContaining({ code: 'too-long' }));
  });
});

const malformed: [string, string, OtpauthErrorCode][] = [
  ['empty string', '', 'not-otpauth'],
  ['plain text', 'hello', 'not-otpauth'],
  ['https link', 'https://example.com/?secret=JBSWY3DPEHPK3PXP', 'not-otpauth'],
  ['migration link', 'otpauth-migration://offline?data=abc', 'not-otpauth'],
  ['missing slashes', `otpauth:totp/a?secret=${S}`, 'not-otpauth'],
  ['leading garbage', `x otpauth://totp/a?secret=${S}`, 'not-otpauth'],
  ['no label slash', `otpauth://totp?secret=${S}`, 'malformed-uri'],
  ['only a scheme', 'otpauth://', 'malformed-uri'],
  ['unknown type', `otpauth://motp/a?secret=${S}`, 'unknown-type'],
  ['yandex type', `otpauth://yaotp/a?secret=${S}`, 'unknown-type'],
  ['empty type', `otpauth:///a?secret=${S}`, 'unknown-type'],
  ['empty label', `otpauth://totp/?secret=${S}`, 'missing-label'],
  ['label of spaces', `otpauth://totp/%20%20?secret=${S}`, 'missing-label'],
  ['label of a bare colon', `otpauth://totp/:?secret=${S}`, 'missing-label'],
  ['broken percent-encoding', `otpauth://totp/a%ZZ?secret=${S}`, 'bad-percent-encoding'],
  ['truncated percent-encoding', `otpauth://totp/a%E2%82?secret=${S}`, 'bad-percent-encoding'],
  ['a bare % in the label', `otpauth://totp/100%?secret=${S}`, 'bad-percent-encoding'],
  ['one hex digit after % in the label', `otpauth://totp/a%4?secret=${S}`, 'bad-percent-encoding'],
  ['invalid UTF-8 in the label', `otpauth://totp/a%C3%28?secret=${S}`, 'bad-percent-encoding'],
  ['an encoded lone surrogate in the label', `otpauth://totp/a%ED%A0%80?secret=${S}`, 'bad-percent-encoding'],
  ['a bare % in the issuer', `otpauth://totp/a?secret=${S}&issuer=100%`, 'bad-percent-encoding'],
  ['%zz in the issuer', `otpauth://totp/a?secret=${S}&issuer=A%zzB`, 'bad-percent-encoding'],
  ['one hex digit in the issuer', `otpauth://totp/a?secret=${S}&issuer=A%4`, 'bad-percent-encoding'],
  ['invalid UTF-8 in the issuer', `otpauth://totp/a?secret=${S}&issuer=Caf%C3%28`, 'bad-percent-encoding'],
  ['a stray continuation byte in the issuer', `otpauth://totp/a?secret=${S}&issuer=%80`, 'bad-percent-encoding'],
  ['a broken escape in the secret', `otpauth://totp/a?secret=${S}%G0`, 'bad-percent-encoding'],
  ['a broken escape in the digits', `otpauth://totp/a?secret=${S}&digits=6%`, 'bad-percent-encoding'],
  ['a broken escape in a parameter Keyfob ignores', `otpauth://totp/a?secret=${S}&image=https%3A%2F%2Fx%2F%zz.png`, 'bad-percent-encoding'],
  ['a broken escape in a parameter name', `otpauth://totp/a?secret=${S}&ima%ge=x`, 'bad-percent-encoding'],
  ['a broken escape in the fragment', `otpauth://totp/a?secret=${S}#%E2%82`, 'bad-percent-encoding'],
  ['a broken escape in the type', `otpauth://to%tp/a?secret=${S}`, 'bad-percent-encoding'],
  ['a lone high surrogate in the label', `otpauth://totp/ACME:a\uD83D?secret=${S}`, 'bad-label'],
  ['a lone low surrogate in the label', `otpauth://totp/\uDE00b?secret=${S}`, 'bad-label'],
  ['a lone surrogate in a label prefix the issuer overrides', `otpauth://totp/\uD800:alice?secret=${S}&issuer=ACME`, 'bad-label'],
  ['a lone surrogate in the issuer', `otpauth://totp/a?secret=${S}&issuer=AC\uDBFFME`, 'bad-issuer'],
  ['newline in label', `otpauth://totp/a%0Ab?secret=${S}`, 'bad-label'],
  ['NUL in label', `otpauth://totp/a%00?secret=${S}`, 'bad-label'],
  ['label too long', `otpauth://totp/${'a'.repeat(300)}?secret=${S}`, 'bad-label'],
  ['control char in issuer', `otpauth://totp/a?secret=${S}&issuer=A%07`, 'bad-issuer'],
  ['issuer too long', `otpauth://totp/a?secret=${S}&issuer=${'b'.repeat(300)}`, 'bad-issuer'],
  ['two secrets', `otpauth://totp/a?secret=${S}&secret=${S}`, 'duplicate-parameter'],
  ['two issuers', `otpauth://totp/a?secret=${S}&issuer=A&issuer=B`, 'duplicate-parameter'],
  ['two digits', `otpauth://totp/a?secret=${S}&digits=6&DIGITS=8`, 'duplicate-parameter'],
  ['no query', 'otpauth://totp/a', 'missing-secret'],
  ['no secret', 'otpauth://totp/a?issuer=A', 'missing-secret'],
  ['empty secret', 'otpauth://totp/a?secret=', 'missing-secret'],
  ['secret of spaces', 'otpauth://totp/a?secret=%20%20', 'missing-secret'],
  ['secret with digit 1', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX1', 'invalid-secret'],
  ['secret with digit 8', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX8', 'invalid-secret'],
  ['secret in hex', 'otpauth://totp/a?secret=0x3132333435363738', 'invalid-secret'],
  ['secret truncated', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXPA', 'invalid-secret'],
  ['padding in the middle', 'otpauth://totp/a?secret=JBSW%3DY3DPEHPK3PXP', 'invalid-secret'],
  ['secret of 5 bytes', 'otpauth://totp/a?secret=JBSWY3DP', 'secret-too-short'],
  ['secret of 65 bytes', `otpauth://totp/a?secret=${'A'.repeat(104)}`, 'secret-too-long'],
  ['MD5 algorithm', `otpauth://totp/a?secret=${S}&algorithm=MD5`, 'bad-algorithm'],
  ['SHA-1 spelled with dash', `otpauth://totp/a?secret=${S}&algorithm=SHA-1`, 'bad-algorithm'],
  ['empty algorithm', `otpauth://totp/a?secret=${S}&algorithm=`, 'bad-algorithm'],
  ['5 digits', `otpauth://totp/a?secret=${S}&digits=5`, 'bad-digits'],
  ['9 digits', `otpauth://totp/a?secret=${S}&digits=9`, 'bad-digits'],
  ['word digits', `otpauth://totp/a?secret=${S}&digits=six`, 'bad-digits'],
  ['negative digits', `otpauth://totp/a?secret=${S}&digits=-6`, 'bad-digits'],
  ['fractional digits', `otpauth://totp/a?secret=${S}&digits=6.5`, 'bad-digits'],
  ['zero period', `otpauth://totp/a?secret=${S}&period=0`, 'bad-period'],
  ['negative period', `otpauth://totp/a?secret=${S}&period=-30`, 'bad-period'],
  ['huge period', `otpauth://totp/a?secret=${S}&period=99999`, 'bad-period'],
  ['word period', `otpauth://totp/a?secret=${S}&period=thirty`, 'bad-period'],
  ['empty period', `otpauth://totp/a?secret=${S}&period=`, 'bad-period'],
  ['hotp without counter', `otpauth://hotp/a?secret=${S}`, 'missing-counter'],
  ['hotp negative counter', `otpauth://hotp/a?secret=${S}&counter=-1`, 'bad-counter'],
  ['hotp word counter', `otpauth://hotp/a?secret=${S}&counter=one`, 'bad-counter'],
  ['hotp counter beyond 2^53', `otpauth://hotp/a?secret=${S}&counter=99999999999999999`, 'bad-counter'],
  ['hotp empty counter', `otpauth://hotp/a?secret=${S}&counter=`, 'bad-counter'],
  ['1 MB string', `otpauth://totp/a?secret=${'A'.repeat(1 << 20)}`, 'too-long'],
  ['1 MB of label', `otpauth://totp/${'%41'.repeat(400_000)}?secret=${S}`, 'too-long'],
];

describe('parseOtpauthUri on malformed input', () => {
  it('has a table of at least 40 cases', () => {
    expect(malformed.length).toBeGreaterThanOrEqual(40);
  });

  it.each(malformed)('refuses %s with %s', (_name, uri, code) => {
    let thrown: unknown;
    try {
      parseOtpauthUri(uri);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(OtpauthError);
    expect((thrown as OtpauthError).code).toBe(code);
    expect((thrown as OtpauthError).message.length).toBeGreaterThan(10);
  });

  it('decodes a broken escape to nothing at all: the issuer is never garbled with U+FFFD', () => {
    // URLSearchParams would have read this as "Caf\uFFFD(" and saved the account under that name.
    expect(() => parseOtpauthUri(`otpauth://totp/a?secret=${S}&issuer=Caf%C3%28`)).toThrow(expect.objectContaining({ code: 'bad-percent-encoding' }));
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${S}&issuer=Caf%C3%A9`).issuer).toBe('Café');
  });

  it('still reads "+" in a parameter as a space and a whole emoji as one character', () => {
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${S}&issuer=ACME+Co`).issuer).toBe('ACME Co');
    expect(parseOtpauthUri(`otpauth://totp/%F0%9F%94%91:bob?secret=${S}`)).toMatchObject({ issuer: '\u{1F511}', account: 'bob' });
    expect(parseOtpauthUri(`otpauth://totp/\u{1F511}:bob?secret=${S}`)).toMatchObject({ issuer: '\u{1F511}', account: 'bob' });
  });

  it('refuses a value that is not a string', () => {
    expect(() => parseOtpauthUri(42 as unknown as string)).toThrow(OtpauthError);
  });
});

describe('formatOtpauthUri', () => {
  const accounts: OtpAccount[] = [
    { type: 'totp', issuer: 'ACME', account: 'alice@example.com', secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    { type: 'totp', issuer: 'Ümlaut & Co / ?#', account: 'bob smith+tag', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 },
    { type: 'hotp', issuer: '', account: 'carol', secret: S, algorithm: 'SHA512', digits: 7, period: 30, counter: 123456 },
    { type: 'totp', issuer: '', account: 'has:colon', secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    { type: 'totp', issuer: 'A:B', account: 'x:y', secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    { type: 'totp', issuer: 'OnlyIssuer', account: '', secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  ];

  it.each(accounts)('round-trips $issuer / $account through parse', (a) => {
    expect(parseOtpauthUri(formatOtpauthUri(a))).toEqual(a);
  });

  it('writes the canonical form', () => {
    expect(formatOtpauthUri(accounts[0]!)).toBe(`otpauth://totp/ACME:alice%40example.com?secret=${S}&issuer=ACME&algorithm=SHA1&digits=6&period=30`);
  });

  it('normalises the secret it writes', () => {
    expect(formatOtpauthUri({ ...accounts[0]!, secret: 'jbsw y3dp ehpk 3pxp' })).toContain(`secret=${S}&`);
  });

  it('refuses an account it could not read back', () => {
    expect(() => formatOtpauthUri({ ...accounts[0]!, digits: 4 })).toThrow(expect.objectContaining({ code: 'bad-digits' }));
  });

  it('refuses a lone surrogate with its typed error, where encodeURIComponent would throw a URIError', () => {
    expect(() => formatOtpauthUri({ ...accounts[0]!, account: 'a\uD800' })).toThrow(expect.objectContaining({ code: 'bad-label' }));
    expect(() => formatOtpauthUri({ ...accounts[0]!, issuer: '\uDC00' })).toThrow(expect.objectContaining({ code: 'bad-issuer' }));
  });
});

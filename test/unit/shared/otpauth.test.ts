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
  ['steam type', `otpauth://steam/a?secret=${S}`, 'unknown-type'],
  ['empty type', `otpauth:///a?secret=${S}`, 'unknown-type'],
  ['empty label', `otpauth://totp/?secret=${S}`, 'missing-label'],
  ['label of spaces', `otpauth://totp/%20%20?secret=${S}`, 'missing-label'],
  ['label of a bare colon', `otpauth://totp/:?secret=${S}`, 'missing-label'],
  ['broken percent-encoding', `otpauth://totp/a%ZZ?secret=${S}`, 'bad-label'],
  ['truncated percent-encoding', `otpauth://totp/a%E2%82?secret=${S}`, 'bad-label'],
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
});

// RFC 4226 and RFC 6238 test vectors, and the edges of generateCode.
import { describe, expect, it } from 'vitest';
import { base32Encode, generateCode, OtpauthError, type OtpAccount, type OtpAlgorithm } from '../../../src/shared/index.ts';

const ascii = (s: string): string => base32Encode(new TextEncoder().encode(s));

function account(over: Partial<OtpAccount>): OtpAccount {
  return { type: 'totp', issuer: 'RFC', account: 'test', secret: ascii('12345678901234567890'), algorithm: 'SHA1', digits: 6, period: 30, counter: 0, ...over };
}

describe('HOTP (RFC 4226 Appendix D)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => ({ code, counter })))('gives $code at counter $counter', async ({ code, counter }) => {
    expect(await generateCode(account({ type: 'hotp', counter }))).toBe(code);
  });
});

describe('TOTP (RFC 6238 Appendix B)', () => {
  const seeds: Record<OtpAlgorithm, string> = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  };
  const rows: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  const cases = rows.flatMap(([t, sha1, sha256, sha512]) => [
    { t, algorithm: 'SHA1' as const, code: sha1 },
    { t, algorithm: 'SHA256' as const, code: sha256 },
    { t, algorithm: 'SHA512' as const, code: sha512 },
  ]);
  it.each(cases)('gives $code with $algorithm at $t s', async ({ t, algorithm, code }) => {
    const a = account({ algorithm, digits: 8, secret: ascii(seeds[algorithm]) });
    expect(await generateCode(a, t * 1000)).toBe(code);
  });
});

describe('generateCode', () => {
  it('accepts the 10-byte secrets real sites issue and matches oathtool', async () => {
    // oathtool --totp -b JBSWY3DPEHPK3PXP -N @59  →  996554
    expect(await generateCode(account({ secret: 'JBSWY3DPEHPK3PXP' }), 59_000)).toBe('996554');
  });

  it('makes 7-digit codes as the last 7 digits of the 8-digit value', async () => {
    const a = account({ secret: ascii('12345678901234567890') });
    expect(await generateCode({ ...a, digits: 7 }, 59_000)).toBe('4287082');
  });

  it('uses the period to pick the time step', async () => {
    const a = account({ digits: 8 });
    // At 59 s with a 60 s period the step is 0, which RFC 4226 gives as counter 0 → 84755224.
    expect(await generateCode({ ...a, period: 60 }, 59_000)).toBe('84755224');
  });

  it('tolerates a secret written in lower case with spaces', async () => {
    expect(await generateCode(account({ secret: 'jbsw y3dp ehpk 3pxp' }), 59_000)).toBe('996554');
  });

  it.each([
    { name: 'a negative time', at: -1, code: 'bad-time' },
    { name: 'a time that is not a number', at: Number.NaN, code: 'bad-time' },
  ])('refuses $name', async ({ at, code }) => {
    await expect(generateCode(account({}), at)).rejects.toMatchObject({ name: 'OtpauthError', code });
  });

  it('refuses an invalid account with the code of the field that is wrong', async () => {
    await expect(generateCode(account({ digits: 9 }))).rejects.toBeInstanceOf(OtpauthError);
    await expect(generateCode(account({ secret: 'AAAA' }))).rejects.toMatchObject({ code: 'secret-too-short' });
  });
});

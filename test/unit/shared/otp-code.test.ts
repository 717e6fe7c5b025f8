// RFC 4226 and RFC 6238 test vectors, and the edges of generateCode.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Encode, forgetKeys, generateCode, OtpauthError, type OtpAccount, type OtpAlgorithm } from '../../../src/shared/index.ts';

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

  it.each(cases)('gives the last 6 digits of $code as the 6-digit $algorithm code at $t s', async ({ t, algorithm, code }) => {
    const a = account({ algorithm, digits: 6, secret: ascii(seeds[algorithm]) });
    expect(await generateCode(a, t * 1000)).toBe(code.slice(2));
  });

  it('gives the same codes again after the prepared keys are forgotten', async () => {
    const sha512 = account({ algorithm: 'SHA512', digits: 8, secret: ascii(seeds.SHA512) });
    expect(await generateCode(sha512, 59_000)).toBe('90693936');
    forgetKeys();
    expect(await generateCode(sha512, 59_000)).toBe('90693936');
  });
});

/** RFC 4226 over node:crypto, written out independently of the code under test. */
function referenceHotp(key: Buffer, algorithm: OtpAlgorithm, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), key).update(message).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}

describe('generateCode against node:crypto', () => {
  it('agrees on random secrets, algorithms, digit counts, periods and times, including steps past 2^32', async () => {
    const algorithms: OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
    for (let i = 0; i < 300; i++) {
      const key = randomBytes(10 + (i % 55));
      const algorithm = algorithms[i % 3] as OtpAlgorithm;
      const digits = 6 + (i % 3);
      const period = [30, 60, 1][i % 3] as number;
      // Up to year ~2^40 s: the 8-byte counter's high word must be written, not dropped.
      const atMs = Math.floor(Math.random() * 2 ** 40) * 1000 + (i % 1000);
      const a = account({ secret: base32Encode(key), algorithm, digits, period });
      expect(await generateCode(a, atMs)).toBe(referenceHotp(key, algorithm, Math.floor(atMs / 1000 / period), digits));
      const counter = i * 0x1_0000_0001;
      expect(await generateCode({ ...a, type: 'hotp', counter })).toBe(referenceHotp(key, algorithm, counter, digits));
    }
  });

  it('never answers for one secret with the key prepared for another, or for another algorithm', async () => {
    const first = randomBytes(20);
    const second = Buffer.from(first);
    second[19] = (second[19] as number) ^ 1;
    const a = account({ secret: base32Encode(first) });
    await generateCode(a, 59_000);
    expect(await generateCode({ ...a, secret: base32Encode(second) }, 59_000)).toBe(referenceHotp(second, 'SHA1', 1, 6));
    expect(await generateCode({ ...a, algorithm: 'SHA256' }, 59_000)).toBe(referenceHotp(first, 'SHA256', 1, 6));
  });

  it('keeps giving right codes for more accounts than it keeps prepared keys for', async () => {
    const keys = Array.from({ length: 5000 }, () => randomBytes(10));
    for (const key of keys) await generateCode(account({ secret: base32Encode(key) }), 59_000);
    for (const key of [keys[0], keys[4999]] as Buffer[]) {
      expect(await generateCode(account({ secret: base32Encode(key) }), 59_000)).toBe(referenceHotp(key, 'SHA1', 1, 6));
    }
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
    { name: 'a time whose step is past the largest counter', at: 1e300, code: 'bad-time' },
  ])('refuses $name', async ({ at, code }) => {
    await expect(generateCode(account({}), at)).rejects.toMatchObject({ name: 'OtpauthError', code });
  });

  it('refuses an invalid account with the code of the field that is wrong', async () => {
    await expect(generateCode(account({ digits: 9 }))).rejects.toBeInstanceOf(OtpauthError);
    await expect(generateCode(account({ secret: 'AAAA' }))).rejects.toMatchObject({ code: 'secret-too-short' });
  });
});

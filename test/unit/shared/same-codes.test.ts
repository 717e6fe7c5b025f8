// sameCodesKey: two accounts count as one ("already in Keyfob") exactly when they make the same codes.
import { describe, expect, it } from 'vitest';
import { generateCode, sameCodesKey, type OtpAccount } from '../../../src/shared/index.ts';

const base: OtpAccount = { type: 'totp', issuer: 'Bank', account: 'ada', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

describe('sameCodesKey', () => {
  it('ignores the names and an HOTP counter, which do not change what the account is', () => {
    const renamed: OtpAccount = { ...base, issuer: 'Other', account: 'ada@example.com' };
    expect(sameCodesKey(renamed)).toBe(sameCodesKey(base));
    const hotp: OtpAccount = { ...base, type: 'hotp', counter: 4 };
    const later: OtpAccount = { ...hotp, counter: 90, period: 60 };
    expect(sameCodesKey(later)).toBe(sameCodesKey(hotp));
  });

  it('tells apart every parameter that changes the codes, and the codes really differ', async () => {
    const at = 1_700_000_000_000;
    const variants: OtpAccount[] = [
      { ...base, digits: 8 }, { ...base, algorithm: 'SHA256' }, { ...base, period: 60 }, { ...base, type: 'hotp' },
      { ...base, secret: 'KRUGS4ZANFZSA5DIMUQHI2LNMU' },
    ];
    for (const v of variants) {
      expect(sameCodesKey(v)).not.toBe(sameCodesKey(base));
      expect(await generateCode(v, at)).not.toBe(await generateCode(base, at));
    }
    expect(new Set(variants.map(sameCodesKey)).size).toBe(variants.length);
  });
});

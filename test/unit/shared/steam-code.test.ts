// Steam Guard accounts: 5-character codes from Steam's alphabet, read and written as links like any other account.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatOtpauthUri, generateCode, OtpauthError, parseOtpauthUri, validateOtpAccount, type OtpAccount } from '../../../src/shared/index.ts';
import { fromBase32 } from './import/writers/accounts.ts';

/** Steam Guard written out independently: HMAC-SHA1 of the 30 s step, RFC 4226 truncation, base-26 over Steam's alphabet. */
function steamCode(secret: string, atMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / 30)));
  const mac = createHmac('sha1', fromBase32(secret)).update(counter).digest();
  const offset = mac[19]! & 0xf;
  let value = mac.readUInt32BE(offset) & 0x7fffffff;
  let out = '';
  for (let i = 0; i < 5; i++) { out += '23456789BCDFGHJKMNPQRTVWXY'[value % 26]; value = Math.floor(value / 26); }
  return out;
}

const steam: OtpAccount = { type: 'steam', issuer: 'Steam', account: 'gamer', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };

describe('Steam Guard codes', () => {
  it('are 5 characters of Steam\'s alphabet equal to an independent implementation\'s, at many times', async () => {
    for (let i = 0; i < 200; i++) {
      const at = 1_700_000_000_000 + i * 29_713;
      const code = await generateCode(steam, at);
      expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
      expect(code).toBe(steamCode(steam.secret, at));
    }
  });

  it('are read from steam://, otpauth://steam/ and encoder=steam links, and written back as encoder=steam', () => {
    expect(parseOtpauthUri(`steam://${steam.secret}`)).toEqual({ ...steam, account: '' });
    expect(parseOtpauthUri(`otpauth://steam/Steam:gamer?secret=${steam.secret}`)).toEqual(steam);
    expect(parseOtpauthUri(`otpauth://totp/Steam:gamer?secret=${steam.secret}&issuer=Steam&encoder=steam&digits=5`)).toEqual(steam);
    const link = formatOtpauthUri(steam);
    expect(link).toMatch(/^otpauth:\/\/totp\/Steam:gamer\?.*encoder=steam/);
    expect(parseOtpauthUri(link)).toEqual(steam);
  });

  it('refuse Steam accounts with other digits or hashes, which would not be Steam codes', () => {
    expect(() => validateOtpAccount({ ...steam, digits: 6 })).toThrow(OtpauthError);
    expect(() => validateOtpAccount({ ...steam, algorithm: 'SHA256' })).toThrow(OtpauthError);
    expect(() => validateOtpAccount({ ...steam, type: 'totp' })).toThrow(OtpauthError);
  });
});

// base32 per RFC 4648, with the tolerance people need when copying secrets by hand.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../../src/shared/index.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('base32', () => {
  // RFC 4648 section 10.
  const vectors: [string, string][] = [
    ['', ''], ['f', 'MY======'], ['fo', 'MZXQ===='], ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI======'],
  ];

  it.each(vectors)('encodes %j as %s with padding', (plain, encoded) => {
    expect(base32Encode(bytes(plain), { padding: true })).toBe(encoded);
  });

  it.each(vectors)('decodes %j from %s with or without padding', (plain, encoded) => {
    expect(text(base32Decode(encoded))).toBe(plain);
    expect(text(base32Decode(encoded.replace(/=/g, '')))).toBe(plain);
  });

  it('omits padding by default, as otpauth secrets do', () => {
    expect(base32Encode(bytes('foobar'))).toBe('MZXW6YTBOI');
  });

  it('round-trips every length of random bytes', () => {
    for (let n = 0; n < 70; n++) {
      const data = crypto.getRandomValues(new Uint8Array(n));
      expect(base32Decode(base32Encode(data))).toEqual(data);
    }
  });

  it('tolerates lower case, spaces and hyphens', () => {
    expect(base32Decode('jbsw y3dp-ehpk 3pxp')).toEqual(base32Decode('JBSWY3DPEHPK3PXP'));
  });

  it.each([
    ['JBSWY3DPEHPK3PX1', 'invalid-character'],
    ['JBSWY3DP=EHPK3PXP', 'invalid-character'],
    ['JBSWY3DPÉHPK3PXP', 'invalid-character'],
    ['JBSWY3DPE', 'invalid-length'],
    ['A'.repeat(5000), 'too-long'],
  ])('refuses %s with %s', (input, code) => {
    expect(() => base32Decode(input)).toThrow(expect.objectContaining({ name: 'Base32Error', code }));
  });
});

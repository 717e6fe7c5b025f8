// The server's node:crypto TOTP gives exactly src/shared's codes, and its window matching picks, refuses and flags replays as the rules say.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateCode, type OtpAccount } from '../../../src/shared/index.ts';
import {
  claimableStep, isReplayedStep, stepAt, stepsWithCode, totpCodeAtStep, totpPeriodSec,
} from '../../../demo-server/security/totp.ts';

const ascii = (s: string): string => base32Encode(new TextEncoder().encode(s));

function sharedCode(secret: string, step: number): Promise<string> {
  const account: OtpAccount = { type: 'totp', issuer: 'x', account: 'x', secret, algorithm: 'SHA1', digits: 6, period: totpPeriodSec, counter: 0 };
  return generateCode(account, step * totpPeriodSec * 1000);
}

/** Seeded (xorshift32), so a failure names a case that happens again on the next run. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (n) => Uint8Array.from({ length: n }, () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x & 0xff;
  });
}

describe('totpCodeAtStep', () => {
  // RFC 6238 Appendix B, SHA1 seed: the 8-digit codes' last six digits are the 6-digit codes.
  const vectors: [number, string][] = [
    [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
    [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
  ];
  it.each(vectors)('gives the RFC 6238 code at %i s', (t, code) => {
    const key = base32Decode(ascii('12345678901234567890'));
    expect(totpCodeAtStep(key, Math.floor(t / totpPeriodSec))).toBe(code.slice(2));
  });

  it('gives the same code as src/shared generateCode for 500 secrets at steps from 0 past 2^32', async () => {
    const bytes = seededBytes(0x6b66);
    const steps = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, stepAt(Date.UTC(2026, 10, 26))];
    let compared = 0;
    for (let i = 0; i < 500; i++) {
      // 10 to 64 bytes: real sites issue 10-byte secrets, the server 20, some 32 or 64.
      const secret = base32Encode(bytes(10 + (i % 55)));
      const key = base32Decode(secret);
      const randomStep = new DataView(bytes(4).buffer).getUint32(0) * 8 + (i % 8);
      for (const step of [...steps, randomStep]) {
        expect(totpCodeAtStep(key, step), `secret ${secret} step ${step}`).toBe(await sharedCode(secret, step));
        compared++;
      }
    }
    expect(compared).toBe(500 * 9);
  });
});

describe('stepsWithCode', () => {
  const secret = ascii('12345678901234567890');
  const now = 1111111111_000;
  const t = stepAt(now);

  it('finds the code of the previous, current and next step, and nothing else', async () => {
    for (const step of [t - 1, t, t + 1]) expect(stepsWithCode(secret, await sharedCode(secret, step), now)).toEqual([step]);
    expect(stepsWithCode(secret, await sharedCode(secret, t - 2), now)).toEqual([]);
    expect(stepsWithCode(secret, await sharedCode(secret, t + 2), now)).toEqual([]);
  });

  it('matches nothing for input that is not six digits, even when it holds the right code', async () => {
    const code = await sharedCode(secret, t);
    for (const input of [`${code} `, ` ${code}`, code.slice(0, 5), `${code}0`, '', 'abcdef', '١٢٣٤٥٦']) {
      expect(stepsWithCode(secret, input, now), JSON.stringify(input)).toEqual([]);
    }
    expect(stepsWithCode(secret, code, now)).toEqual([t]);
  });
});

describe('claimableStep and isReplayedStep', () => {
  it('claims the oldest matched step after the last accepted one', () => {
    expect(claimableStep([10, 11], null)).toBe(10);
    expect(claimableStep([10, 11], 10)).toBe(11);
    expect(claimableStep([10, 11], 11)).toBeNull();
    expect(claimableStep([], null)).toBeNull();
  });

  it('calls a code replayed only when a matched step was already accepted', () => {
    expect(isReplayedStep([10], 10)).toBe(true);
    expect(isReplayedStep([10], 12)).toBe(true);
    expect(isReplayedStep([11], 10)).toBe(false);
    expect(isReplayedStep([10], null)).toBe(false);
    expect(isReplayedStep([], 10)).toBe(false);
  });
});

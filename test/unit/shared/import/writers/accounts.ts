// Test accounts for the import writers, and a base32 encoder of their own (the writers share no code with the parsers).
import { randomBytes } from 'node:crypto';

export interface TestAccount {
  type: 'totp' | 'hotp' | 'steam';
  issuer: string;
  account: string;
  /** Base32, upper case, no padding. */
  secret: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period: number;
  counter: number;
  groups?: string[];
  favorite?: boolean;
  note?: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) { out += ALPHABET[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function fromBase32(text: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of text) {
    value = (value << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) { bytes.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(bytes);
}

/** `count` accounts cycling through TOTP (three hashes, 6 and 8 digits, 30 and 60 s), HOTP and Steam. */
export function makeAccounts(count: number): TestAccount[] {
  const out: TestAccount[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 5;
    const secret = toBase32(randomBytes(kind === 2 ? 32 : 20));
    if (kind === 3) out.push({ type: 'hotp', issuer: `Issuer ${i}`, account: `user${i}@example.com`, secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 7 + i });
    else if (kind === 4) out.push({ type: 'steam', issuer: 'Steam', account: `gamer${i}`, secret, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
    else out.push({
      type: 'totp', issuer: `Issuer ${i}`, account: `user${i}@example.com`, secret,
      algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[kind] ?? 'SHA1', digits: kind === 1 ? 8 : 6, period: kind === 2 ? 60 : 30, counter: 0,
    });
  }
  return out;
}

/** The fields every format keeps, for comparing what went in with what came out. */
export function coreOf(a: Pick<TestAccount, 'type' | 'issuer' | 'account' | 'secret' | 'algorithm' | 'digits' | 'period' | 'counter'>) {
  return { type: a.type, issuer: a.issuer, account: a.account, secret: a.secret, algorithm: a.algorithm, digits: a.digits, period: a.period, counter: a.counter };
}

/** An otpauth:// link written out by hand, as the apps write them. */
export function toOtpauth(a: TestAccount, extra = ''): string {
  const type = a.type === 'steam' ? 'steam' : a.type;
  const label = `${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.account)}`;
  const tail = a.type === 'hotp' ? `counter=${a.counter}` : `period=${a.period}`;
  return `otpauth://${type}/${label}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}&algorithm=${a.algorithm}&digits=${a.digits}&${tail}${extra}`;
}

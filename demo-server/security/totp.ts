// The server's TOTP rules: 20-byte secrets, SHA1/6/30, ±1 step, and only steps after the last accepted one.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode, formatOtpauthUri, type OtpAccount } from '../../src/shared/index.ts';

export const totpPeriodSec = 30;

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

function accountFor(secret: string, issuer: string, email: string): OtpAccount {
  // A colon in the issuer would split the label differently in some apps, so it is removed rather than encoded.
  return { type: 'totp', issuer: issuer.replace(/:/g, ''), account: email.replace(/:/g, ''), secret,
    algorithm: 'SHA1', digits: 6, period: totpPeriodSec, counter: 0 };
}

export function otpauthUriFor(secret: string, issuer: string, email: string): string {
  return formatOtpauthUri(accountFor(secret, issuer, email));
}

export function stepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / totpPeriodSec);
}

/** Six ASCII digits, optionally typed as "123 456"; anything else is not a code. */
export function normaliseTotpInput(input: string): string | null {
  if (input.length > 16) return null;
  const s = input.replace(/ /g, '');
  return /^[0-9]{6}$/.test(s) ? s : null;
}

/** RFC 4226 HOTP with HMAC-SHA1 and 6 digits through node:crypto: the same codes as src/shared's generateCode, at a fraction of the cost. */
export function totpCodeAtStep(key: Uint8Array, step: number): string {
  const message = Buffer.alloc(8);
  message.writeUInt32BE(Math.floor(step / 0x1_0000_0000), 0);
  message.writeUInt32BE(step >>> 0, 4);
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[19] as number) & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fff_ffff) % 1_000_000;
  mac.fill(0);
  return String(code).padStart(6, '0');
}

/**
 * The steps of the window (t-1, t, t+1) whose code is `code`. All three codes are made and compared, each in
 * constant time, so how long this takes says nothing about how close a guess came. `code` is six digits
 * (normaliseTotpInput); anything else matches nothing.
 */
export function stepsWithCode(secret: string, code: string, nowMs: number): number[] {
  if (!/^[0-9]{6}$/.test(code)) return [];
  const key = base32Decode(secret);
  const typed = Buffer.from(code, 'latin1');
  const t = stepAt(nowMs);
  const matches: number[] = [];
  for (const step of [t - 1, t, t + 1]) {
    if (timingSafeEqual(Buffer.from(totpCodeAtStep(key, step), 'latin1'), typed)) matches.push(step);
  }
  key.fill(0);
  return matches;
}

/** The oldest of `steps` after the last accepted one: the step to claim. The caller must claim it atomically in the database. */
export function claimableStep(steps: number[], lastStep: number | null): number | null {
  return steps.find((step) => lastStep === null || step > lastStep) ?? null;
}

/**
 * Whether one of `steps` was already accepted (at or before `lastStep`): a replay, told apart from a wrong code only
 * so the user can be told to wait for the next one. It is refused all the same.
 */
export function isReplayedStep(steps: number[], lastStep: number | null): boolean {
  return lastStep !== null && steps.some((step) => step <= lastStep);
}

// The server's TOTP rules: 20-byte secrets, SHA1/6/30, ±1 step, and only steps after the last accepted one.
import { randomBytes } from 'node:crypto';
import { base32Encode, formatOtpauthUri, generateCode, type OtpAccount } from '../../src/shared/index.ts';

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

/**
 * The step (t-1, t or t+1) whose code equals `code` and that is newer than `lastStep`, or null.
 * The caller must still claim the step atomically in the database.
 */
/**
 * Whether `code` is the code of a step in the window that was already accepted (at or before `lastStep`): a replay,
 * told apart from a wrong code only so the user can be told to wait for the next one. It is refused all the same.
 */
export async function isUsedTotpCode(secret: string, code: string, nowMs: number, lastStep: number | null): Promise<boolean> {
  if (lastStep === null) return false;
  const t = stepAt(nowMs);
  const account = accountFor(secret, 'x', 'x');
  for (const step of [t - 1, t, t + 1]) {
    if (step <= lastStep && (await generateCode(account, step * totpPeriodSec * 1000)) === code) return true;
  }
  return false;
}

export async function matchTotpStep(secret: string, code: string, nowMs: number, lastStep: number | null): Promise<number | null> {
  const t = stepAt(nowMs);
  const account = accountFor(secret, 'x', 'x');
  for (const step of [t - 1, t, t + 1]) {
    if (lastStep !== null && step <= lastStep) continue;
    if ((await generateCode(account, step * totpPeriodSec * 1000)) === code) return step;
  }
  return null;
}

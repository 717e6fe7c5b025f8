// A refused password as words: the wait text for sign-in (form and API), and a refused confirmation (disable 2FA,
// password change, sudo) as status and words, where a wait also sets Retry-After.
import type { Response } from 'express';
import type { PasswordRefusal } from '../security/password-backoff.ts';

export function passwordRefusal(res: Response, refusal: PasswordRefusal): { status: number; message: string } {
  if (refusal.reason === 'wrong') return { status: 422, message: 'The password is not correct.' };
  res.set('Retry-After', String(refusal.retryAfterSec));
  return { status: 429, message: passwordWaitText(refusal.retryAfterSec, { rememberedDevices: false }) };
}

function durationText(sec: number): string {
  if (sec < 120) return sec === 1 ? '1 second' : `${sec} seconds`;
  const min = Math.ceil(sec / 60);
  return `${min} minutes`;
}

/** What a waiting attempt is told: honestly, that its password was not checked, and what still works. */
export function passwordWaitText(retryAfterSec: number, opts: { rememberedDevices: boolean }): string {
  const wait = `Too many wrong passwords for this account. Wait ${durationText(retryAfterSec)} and try again: until then no password is checked, not even the right one.`;
  return opts.rememberedDevices ? `${wait} A browser where you ticked "Remember this device" can still sign in now.` : wait;
}

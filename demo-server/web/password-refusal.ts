// A refused password confirmation (disable 2FA, password change, sudo) as status and words; a wait also sets Retry-After.
import type { Response } from 'express';
import { passwordWaitText, type PasswordRefusal } from '../actions/check-password.ts';

export function passwordRefusal(res: Response, refusal: PasswordRefusal): { status: number; message: string } {
  if (refusal.reason === 'wrong') return { status: 422, message: 'The password is not correct.' };
  res.set('Retry-After', String(refusal.retryAfterSec));
  return { status: 429, message: passwordWaitText(refusal.retryAfterSec, { rememberedDevices: false }) };
}

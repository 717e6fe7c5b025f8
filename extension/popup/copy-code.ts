// Copies a one-time code and asks the background to empty the clipboard once the code is no longer current.
import { callBackground, type CodeView } from '../messages.ts';
import { sha256Hex } from '../../src/shared/text-digest.ts';
import { copyText } from './browser.ts';

/** HOTP codes never expire by time; they are cleared after this long, like a 30-second TOTP code at most. */
export const HOTP_CLEAR_AFTER_MS = 30_000;

/**
 * The code to copy and when it stops being current (epoch ms). The list redraws once a second, so a click just
 * after a period boundary can still see the old code: copy the next one then, never a code that is already dead.
 */
export function codeToCopy(shown: string, totp: CodeView | undefined, now: number): [code: string, clearAt: number] {
  if (!totp) return [shown, now + HOTP_CLEAR_AFTER_MS];
  if (totp.validUntil > now || !totp.nextCode) return [shown, totp.validUntil];
  return [totp.nextCode, totp.validUntil + totp.period * 1000];
}

/** Copies `code`; returns whether the copy worked. */
export async function copyCode(code: string, clearAt: number): Promise<boolean> {
  const ok = await copyText(code);
  if (!ok) return false;
  // The copy already happened: failing to schedule the clearing must not turn "Copied" into an error.
  try {
    await callBackground('clipboardCopied', { codeHash: await sha256Hex(code), clearAt });
  } catch (err) {
    console.warn('keyfob: the copied code will not be cleared from the clipboard', err);
  }
  return true;
}

// The popup copied a code: remember its hash and empty the clipboard when the code expires.
import type { HandlerTable } from '../handler-types.ts';
import { expectObject, HandlerError } from '../handler-types.ts';
import { isSha256Hex } from '../../../src/shared/text-digest.ts';
import { MAX_PERIOD_SECONDS } from '../../../src/shared/otpauth.ts';
import { scheduleClipboardClear } from '../clipboard/pending-clear.ts';

/** A code is current for at most one period; anything later than that is not a code's expiry. */
const MAX_DELAY_MS = MAX_PERIOD_SECONDS * 1000;

export const clipboardHandlers: HandlerTable<'clipboardCopied'> = {
  clipboardCopied: {
    // Content scripts run inside web pages: a page must not steer what Keyfob does to the clipboard.
    allow: ['extension-page'],
    parse: (raw) => {
      const obj = expectObject(raw);
      const { codeHash, clearAt } = obj;
      if (!isSha256Hex(codeHash)) throw new HandlerError('invalid_request', 'Field "codeHash" must be a SHA-256 hex string');
      if (typeof clearAt !== 'number' || !Number.isSafeInteger(clearAt) || clearAt <= 0) {
        throw new HandlerError('invalid_request', 'Field "clearAt" must be a time in epoch milliseconds');
      }
      return { codeHash, clearAt };
    },
    run: async ({ codeHash, clearAt }) => {
      const now = Date.now();
      // A time beyond one maximal period is no code's expiry: refuse rather than hold the clipboard for hours.
      if (clearAt > now + MAX_DELAY_MS) throw new HandlerError('invalid_request', 'Field "clearAt" is too far in the future');
      await scheduleClipboardClear({ codeHash, clearAt }, now);
      return { scheduled: true };
    },
  },
};

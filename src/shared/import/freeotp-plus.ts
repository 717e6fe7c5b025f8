// FreeOTP+ exports (.json): tokens with secrets as arrays of signed bytes.
import { base32Encode } from '../base32.ts';
import { EntrySink } from './entry.ts';
import { isRecord, requireArray } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { ImportError } from './types.ts';

const APP = 'FreeOTP+';

function backupOf(json: unknown): Record<string, unknown> | null {
  return isRecord(json) && Array.isArray(json.tokens) && ('tokenOrder' in json || json.tokens.every((t) => isRecord(t) && Array.isArray(t.secret))) ? json : null;
}

/** Java bytes are signed (-128…127): each is one byte of the key. */
function secretOf(value: unknown): string | null {
  if (!Array.isArray(value) || !value.every((b) => Number.isInteger(b) && b >= -128 && b <= 255)) return null;
  return base32Encode(Uint8Array.from(value as number[], (b) => b & 0xff));
}

export const freeOtpPlusReader: FormatReader = {
  detect(input) {
    const b = backupOf(input.json);
    return b ? { format: 'freeotp-plus', app: APP, encrypted: false, entries: (b.tokens as unknown[]).length } : null;
  },

  async read(input, options) {
    const b = backupOf(input.json);
    if (!b) throw new ImportError('unrecognised-format', 'Not a FreeOTP+ export.');
    options.onProgress?.('reading-entries');
    const sink = new EntrySink();
    for (const t of requireArray(b.tokens, 'tokens')) {
      if (!isRecord(t)) { sink.skip(null, { code: 'malformed-entry', field: 'entry' }, 'The entry is not an object.'); continue; }
      const secret = secretOf(t.secret);
      if (secret === null) {
        sink.skip(typeof t.label === 'string' ? t.label : null, { code: 'malformed-entry', field: 'secret' }, 'The secret is not a list of bytes.');
        continue;
      }
      sink.add({
        type: t.type, issuer: t.issuerExt || t.issuerInt, account: t.label, secret, algorithm: t.algo,
        digits: t.digits, period: t.period, counter: t.counter,
      });
    }
    return { format: 'freeotp-plus', app: APP, encrypted: false, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
  },
};

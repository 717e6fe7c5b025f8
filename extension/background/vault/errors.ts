// The vault's error values: a code from the message contract's closed union, an English sentence for logs, and for
// refusals the popup words in detail, the reason as data.
import type { ErrorReason } from '../../error-reason.ts';
import type { ErrorCode } from '../../messages.ts';
import { CodedError } from '../../../src/shared/coded-error.ts';

export class VaultError extends CodedError<ErrorCode> {
  override name = 'VaultError';
  constructor(code: ErrorCode, message: string, readonly reason?: ErrorReason) {
    super(code, message);
  }
}

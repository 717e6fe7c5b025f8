// The vault's error values: a code from the message contract's closed union and a user-facing sentence.
import type { ErrorCode } from '../../messages.ts';

export class VaultError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

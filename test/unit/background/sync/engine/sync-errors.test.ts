// The engine's refusals are CodedErrors whose code is the sync status code the service reports (sync-service.ts
// syncFailure passes it on): typed as SyncErrorCode here, so a code the popup has no words for does not compile.
import { describe, expect, it } from 'vitest';
import {
  FolderRefusedError, KeyRotatedError, NoKeyFileError, OtherVaultError,
} from '../../../../../extension/background/sync/engine/sync-once.ts';
import type { SyncErrorCode } from '../../../../../extension/messages.ts';
import { CodedError, isCodedError } from '../../../../../src/shared/coded-error.ts';

describe('sync engine errors', () => {
  it.each([
    ['FolderRefusedError', 'rollback', new FolderRefusedError('rollback')],
    ['FolderRefusedError', 'fork', new FolderRefusedError('fork')],
    ['OtherVaultError', 'other_vault', new OtherVaultError()],
    ['KeyRotatedError', 'rotated', new KeyRotatedError()],
    ['NoKeyFileError', 'no_key_file', new NoKeyFileError()],
  ] satisfies [string, SyncErrorCode, CodedError<SyncErrorCode>][])('%s is a CodedError with the status code %s', (name, code, err) => {
    expect(err).toBeInstanceOf(CodedError);
    expect(isCodedError(err)).toBe(true);
    expect(err.name).toBe(name);
    expect(err.code).toBe(code);
    expect(err.message).not.toBe('');
  });

  it('keeps the folder verdict beside the code', () => {
    expect(new FolderRefusedError('fork').verdict).toBe('fork');
  });
});

// Words for each way a sync can fail; a Record over the closed union, so a new failure without words does not compile.
import type { MessageKey } from '../../../i18n.ts';
import type { SyncErrorCode } from '../../../messages.ts';

export const SYNC_ERROR_WORDS: Readonly<Record<SyncErrorCode, MessageKey>> = {
  offline: 'syncErrorOffline',
  unauthorized: 'syncErrorUnauthorized',
  forbidden: 'syncErrorForbidden',
  quota: 'syncErrorQuota',
  busy: 'syncErrorBusy',
  server: 'syncErrorServer',
  wrong_secret: 'syncErrorWrongSecret',
  other_vault: 'syncErrorOtherVault',
  no_key_file: 'syncErrorNoKeyFile',
  locked: 'syncErrorLocked',
  rollback: 'syncErrorRollback',
  fork: 'syncErrorFork',
  rotated: 'syncErrorRotated',
  key_file_replaced: 'syncErrorKeyFileReplaced',
};

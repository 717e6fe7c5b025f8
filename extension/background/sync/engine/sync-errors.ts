// Why a sync stopped before changing anything: each one a CodedError whose code is the sync status code the service
// reports for it (messages.ts SyncErrorCode), so the popup words it.
import type { FolderVerdict } from '../../../../src/shared/sync/freshness.ts';
import { CodedError } from '../../../../src/shared/coded-error.ts';

/** The server showed an older folder than this browser accepted, or one without this browser's last sync: nothing is merged. */
export class FolderRefusedError extends CodedError<Exclude<FolderVerdict, 'ok'>> {
  override name = 'FolderRefusedError';
  constructor(readonly verdict: Exclude<FolderVerdict, 'ok'>) {
    super(verdict, verdict === 'rollback'
      ? 'The sync folder is older than the one this browser last saw; nothing was changed.'
      : 'The sync folder does not hold this browser\'s last sync (another copy of it); nothing was changed.');
  }
}

/** The backend holds files sealed under another key: another vault's folder, not ours to overwrite. */
export class OtherVaultError extends CodedError<'other_vault'> {
  override name = 'OtherVaultError';
  constructor() {
    super('other_vault', 'The sync folder holds another vault; choose another folder or join that vault.');
  }
}

/** Every file opens under another key than this browser's: another browser rotated the sync key (join again). */
export class KeyRotatedError extends CodedError<'rotated'> {
  override name = 'KeyRotatedError';
  constructor() {
    super('rotated', 'The sync key was replaced in another browser: turn sync off here and join again with the new recovery kit.');
  }
}

export class NoKeyFileError extends CodedError<'no_key_file'> {
  override name = 'NoKeyFileError';
  constructor() {
    super('no_key_file', 'The sync folder has no key file (it was emptied); turn sync off and on again here.');
  }
}

// Why a sync stopped before changing anything: each one the service turns into a code the popup words.
import type { FolderVerdict } from '../../../../src/shared/sync/freshness.ts';

/** The server showed an older folder than this browser accepted, or one without this browser's last sync: nothing is merged. */
export class FolderRefusedError extends Error {
  constructor(readonly verdict: Exclude<FolderVerdict, 'ok'>) {
    super(verdict === 'rollback'
      ? 'The sync folder is older than the one this browser last saw; nothing was changed.'
      : 'The sync folder does not hold this browser\'s last sync (another copy of it); nothing was changed.');
    this.name = 'FolderRefusedError';
  }
}

/** The backend holds files sealed under another key: another vault's folder, not ours to overwrite. */
export class OtherVaultError extends Error {
  constructor() {
    super('The sync folder holds another vault; choose another folder or join that vault.');
    this.name = 'OtherVaultError';
  }
}

/** Every file opens under another key than this browser's: another browser rotated the sync key (join again). */
export class KeyRotatedError extends Error {
  constructor() {
    super('The sync key was replaced in another browser: turn sync off here and join again with the new recovery kit.');
    this.name = 'KeyRotatedError';
  }
}

export class NoKeyFileError extends Error {
  constructor() {
    super('The sync folder has no key file (it was emptied); turn sync off and on again here.');
    this.name = 'NoKeyFileError';
  }
}

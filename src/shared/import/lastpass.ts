// LastPass Authenticator exports (.json): accounts with base32 secrets, folders by id.
import { EntrySink } from './entry.ts';
import { isRecord, requireArray } from './file-input.ts';
import type { FormatReader } from './format-reader.ts';
import { ImportError } from './types.ts';

const APP = 'LastPass Authenticator';

function backupOf(json: unknown): Record<string, unknown> | null {
  return isRecord(json) && Array.isArray(json.accounts) && ('deviceName' in json || 'localDeviceId' in json
    || json.accounts.some((a) => isRecord(a) && ('issuerName' in a || 'timeStep' in a))) ? json : null;
}

export const lastPassReader: FormatReader = {
  detect(input) {
    const b = backupOf(input.json);
    return b ? { format: 'lastpass', app: APP, encrypted: false, entries: (b.accounts as unknown[]).length } : null;
  },

  async read(input, options) {
    const b = backupOf(input.json);
    if (!b) throw new ImportError('unrecognised-format', 'Not a LastPass Authenticator export.');
    options.onProgress?.('reading-entries');
    const folders = new Map<number | string, string>();
    for (const f of Array.isArray(b.folders) ? b.folders : []) {
      if (isRecord(f) && (typeof f.id === 'number' || typeof f.id === 'string') && typeof f.name === 'string') folders.set(f.id, f.name);
    }
    const sink = new EntrySink();
    for (const a of requireArray(b.accounts, 'accounts')) {
      if (!isRecord(a)) { sink.skip(null, { code: 'malformed-entry', field: 'entry' }, 'The entry is not an object.'); continue; }
      const folderId = isRecord(a.folderData) ? a.folderData.folderId : undefined;
      const folder = typeof folderId === 'number' || typeof folderId === 'string' ? folders.get(folderId) : undefined;
      sink.add({
        type: 'totp', issuer: a.issuerName || a.originalIssuerName, account: a.userName || a.originalUserName, secret: a.secret,
        algorithm: a.algorithm, digits: a.digits, period: a.timeStep, favorite: a.isFavorite, groups: folder ? [folder] : [],
      });
    }
    return { format: 'lastpass', app: APP, encrypted: false, accounts: sink.accounts, skipped: sink.skipped, otherItems: 0 };
  },
};

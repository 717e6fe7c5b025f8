// Export and import methods for the popup's Settings screen.
import type { HandlerTable } from '../handler-types.ts';
import { exportAegis, exportEncrypted, exportOtpauthList, importData } from '../vault/backup.ts';
import { expectExportRequest, expectImportRequest } from './vault-validators.ts';

export const backupHandlers: HandlerTable<'exportVault' | 'importData'> = {
  exportVault: {
    allow: ['extension-page'],
    parse: expectExportRequest,
    run: async (req) => req.format === 'encrypted'
      ? exportEncrypted(req.masterPassword, req.backupPassword, Date.now())
      : req.format === 'aegis' ? exportAegis(req.masterPassword, Date.now()) : exportOtpauthList(req.masterPassword, Date.now()),
  },
  importData: {
    allow: ['extension-page'],
    parse: expectImportRequest,
    run: async ({ text, backupPassword }) => importData(text, backupPassword, Date.now()),
  },
};

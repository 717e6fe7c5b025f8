// Export and import methods for the popup's Settings screen.
import type { HandlerTable } from '../handler-types.ts';
import { exportAegis, exportEncrypted, exportOtpauthList, importData } from '../vault/backup.ts';
import { expectEmpty, expectExportRequest, expectImportRequest } from './vault-validators.ts';
import { backupReminderView, dismissBackupReminder, noteBackupExported } from '../backup-reminder/reminder-state.ts';

export const backupHandlers: HandlerTable<'exportVault' | 'importData' | 'backupReminder' | 'dismissBackupReminder'> = {
  exportVault: {
    allow: ['extension-page'],
    parse: expectExportRequest,
    run: async (req) => {
      const file = await (req.format === 'encrypted'
        ? exportEncrypted(req.masterPassword, req.backupPassword, Date.now())
        : req.format === 'aegis' ? exportAegis(req.masterPassword, Date.now()) : exportOtpauthList(req.masterPassword, Date.now()));
      await noteBackupExported(Date.now());
      return file;
    },
  },
  backupReminder: {
    allow: ['extension-page'],
    parse: expectEmpty,
    run: () => backupReminderView(Date.now()),
  },
  dismissBackupReminder: {
    allow: ['extension-page'],
    parse: expectEmpty,
    run: async () => {
      await dismissBackupReminder(Date.now());
      return backupReminderView(Date.now());
    },
  },
  importData: {
    allow: ['extension-page'],
    parse: expectImportRequest,
    run: async ({ text, backupPassword }) => importData(text, backupPassword, Date.now()),
  },
};

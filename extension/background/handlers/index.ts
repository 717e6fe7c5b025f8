// The complete handler table: a missing or mistyped handler is a compile error here.
import type { AllHandlers } from '../handler-types.ts';
import { pingHandlers } from './ping.ts';
import { vaultHandlers } from './vault.ts';
import { accountHandlers } from './accounts.ts';
import { backupHandlers } from './backup.ts';
import { autofillHandlers } from './autofill.ts';
import { recoverySaveHandlers } from './recovery-save.ts';
import { clipboardHandlers } from './clipboard.ts';
import { syncHandlers } from './sync.ts';
import { importHandlers } from './import.ts';
import { organiseHandlers } from './organise.ts';
import { clockHandlers } from './clock.ts';

export const handlers: AllHandlers = {
  ...pingHandlers,
  ...vaultHandlers,
  ...accountHandlers,
  ...backupHandlers,
  ...autofillHandlers,
  ...recoverySaveHandlers,
  ...clipboardHandlers,
  ...syncHandlers,
  ...importHandlers,
  ...organiseHandlers,
  ...clockHandlers,
};

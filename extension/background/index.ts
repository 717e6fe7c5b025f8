// Service worker entry: the only owner of the vault and of keys. Holds no state in module variables
// that matters after a restart; everything lives in IndexedDB or chrome.storage.session.
import { describeSender, route, type RawSender } from './router.ts';
import { handlers } from './handlers/index.ts';
import { installFillCommands } from './autofill/fill-commands.ts';
import { vault } from './autofill/vault-port.ts';
import { installAutoLock } from './vault/auto-lock.ts';
import { sessionStore } from './platform/session-store.ts';
import { installImageContextMenu } from './context-menu.ts';
import { installClipboardClear } from './clipboard/pending-clear.ts';
import { installToolbarState } from './toolbar-state.ts';
import { installSyncTriggers } from './sync/scheduler.ts';
import { scheduledSync, syncEnabled } from './sync/sync-service.ts';
import { noteEdits } from './sync/sync-config.ts';
import { installBackupReminder } from './backup-reminder/reminder-state.ts';
import { afterWake, armWakeChores, messageAnswered, messageStarted } from './wake-chores.ts';
import { installWelcomePage } from './welcome.ts';

// Event listeners must be registered synchronously at start so that idle and alarm events wake the worker; what the
// installers re-arm through the browser waits until the messages that woke the worker are answered (wake-chores.ts).
// The fill commands come first, as when the autofill handlers installed them on import: their menu item is created first.
installFillCommands(vault);
armWakeChores();
installAutoLock();
installImageContextMenu();
installClipboardClear();
installToolbarState();
installSyncTriggers(scheduledSync, syncEnabled, noteEdits);
installBackupReminder();
installWelcomePage();
// Content scripts run inside web pages: they must never read session storage, where the unlocked key lives. That is
// the browser's default already, and the unlock sets it before it stores the key: this only says it again.
afterWake(() => sessionStore.restrictToTrustedContexts());

const extensionOrigin = new URL(chrome.runtime.getURL('/')).origin;

chrome.runtime.onMessage.addListener((message: unknown, sender: RawSender, sendResponse: (r: unknown) => void) => {
  const ctx = describeSender(sender, chrome.runtime.id, extensionOrigin);
  messageStarted();
  void route(handlers, message, ctx).then(sendResponse).finally(messageAnswered);
  return true; // keep the channel open for the async reply
});

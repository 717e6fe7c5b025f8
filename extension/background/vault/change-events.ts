// Tells other background parts (sync) that account rows changed, without the vault knowing who listens.
/** The ids of the accounts written or deleted. */
type Listener = (ids: readonly string[]) => void;
// Registered when the worker script starts, so a restarted worker has them again.
const listeners: Listener[] = [];

export function onAccountsChanged(listener: Listener): void {
  listeners.push(listener);
}

export function accountsChanged(ids: readonly string[]): void {
  for (const listener of listeners) {
    try {
      listener(ids);
    } catch {
      // A listener's failure must not fail the write that already committed.
    }
  }
}

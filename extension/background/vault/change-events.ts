// Tells other background parts (sync) that account rows changed, without the vault knowing who listens.
type Listener = () => void;
// Registered when the worker script starts, so a restarted worker has them again.
const listeners: Listener[] = [];

export function onAccountsChanged(listener: Listener): void {
  listeners.push(listener);
}

export function accountsChanged(): void {
  for (const listener of listeners) {
    try {
      listener();
    } catch {
      // A listener's failure must not fail the write that already committed.
    }
  }
}

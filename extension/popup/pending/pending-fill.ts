// Finds the fill waiting for a choice of account in the tab Keyfob was opened for (toolbar popup or its own window).
import { callBackground, type PendingFillView } from '../../messages.ts';
import { SESSION_KEYS } from '../../session-keys.ts';
import { onSessionChange } from '../browser.ts';
import { tabForRequest } from '../tab-for-request.ts';

export interface PendingChoice { tabId: number; pending: PendingFillView }

/** The pending fill for that tab, or null; never throws, so the popup falls back to its account list. */
export async function findPendingChoice(search: string): Promise<PendingChoice | null> {
  try {
    const tabId = await tabForRequest(search);
    if (tabId === null) return null;
    const pending = await callBackground('pendingFill', { tabId });
    // Shown even with nothing to choose: the user asked on that page, and learns why nothing is offered there.
    return pending ? { tabId, pending } : null;
  } catch {
    return null;
  }
}

/**
 * Waits up to `forMs` for a fill to become a choice (after an unlock, the page asks again, and several accounts fit):
 * looks each time the background's record of waiting fills changes, and once more at the end (for a browser that
 * does not report session-storage changes). Returns the way to stop early.
 */
export function watchPendingChoice(search: string, forMs: number, onFound: (choice: PendingChoice) => void): () => void {
  let done = false;
  const look = () => {
    if (done) return;
    void findPendingChoice(search).then((choice) => {
      if (!choice || done) return;
      stop();
      onFound(choice);
    });
  };
  const stopListening = onSessionChange([SESSION_KEYS.pendingFills], look);
  const timer = setTimeout(() => { look(); stopListening(); }, forMs);
  function stop(): void {
    done = true;
    stopListening();
    clearTimeout(timer);
  }
  return stop;
}

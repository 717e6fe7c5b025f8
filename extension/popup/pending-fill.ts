// Finds the fill waiting for a choice of account in the tab Keyfob was opened for (toolbar popup or its own window).
import { callBackground, type PendingFillView } from '../messages.ts';
import { tabForRequest } from './tab-for-request.ts';

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

// Finds recovery codes a page asked to save in the tab Keyfob was opened for (toolbar popup or its own window).
import { callBackground, type RecoverySaveView } from '../../messages.ts';
import { tabForRequest } from '../tab-for-request.ts';

export interface PendingRecoverySave { tabId: number; view: RecoverySaveView }

/** The waiting save for that tab, or null; never throws, so the popup falls back to its account list. */
export async function findPendingRecoverySave(search: string): Promise<PendingRecoverySave | null> {
  try {
    const tabId = await tabForRequest(search);
    if (tabId === null) return null;
    const view = await callBackground('pendingRecoverySave', { tabId });
    return view ? { tabId, view } : null;
  } catch {
    return null;
  }
}

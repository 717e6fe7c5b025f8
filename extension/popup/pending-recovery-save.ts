// Finds recovery codes a page asked to save in the tab Keyfob was opened for (toolbar popup or its own window).
import { callBackground, type RecoverySaveView } from '../messages.ts';
import { activeTab } from './browser.ts';

export interface PendingRecoverySave { tabId: number; view: RecoverySaveView }

/** The tab named by `?for=save-codes&tab=N` (Keyfob's own window), else the tab the popup was opened over. */
async function tabForSave(search: string): Promise<number | null> {
  const params = new URLSearchParams(search);
  const named = Number(params.get('tab'));
  if (params.has('tab') && Number.isInteger(named) && named >= 0) return named;
  return (await activeTab())?.id ?? null;
}

/** The waiting save for that tab, or null; never throws, so the popup falls back to its account list. */
export async function findPendingRecoverySave(search: string): Promise<PendingRecoverySave | null> {
  try {
    const tabId = await tabForSave(search);
    if (tabId === null) return null;
    const view = await callBackground('pendingRecoverySave', { tabId });
    return view ? { tabId, view } : null;
  } catch {
    return null;
  }
}

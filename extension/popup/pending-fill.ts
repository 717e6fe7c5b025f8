// Finds the fill waiting for a choice of account in the tab Keyfob was opened for (toolbar popup or its own window).
import { callBackground, type PendingFillView } from '../messages.ts';
import { activeTab } from './browser.ts';

export interface PendingChoice { tabId: number; pending: PendingFillView }

/** The tab named by `?for=choose&tab=N` (Keyfob's own window), else the tab the popup was opened over. */
async function tabForChoice(search: string): Promise<number | null> {
  const params = new URLSearchParams(search);
  const named = Number(params.get('tab'));
  if (params.has('tab') && Number.isInteger(named) && named >= 0) return named;
  return (await activeTab())?.id ?? null;
}

/** The pending fill for that tab, or null; never throws, so the popup falls back to its account list. */
export async function findPendingChoice(search: string): Promise<PendingChoice | null> {
  try {
    const tabId = await tabForChoice(search);
    if (tabId === null) return null;
    const pending = await callBackground('pendingFill', { tabId });
    return pending && pending.accounts.length > 0 ? { tabId, pending } : null;
  } catch {
    return null;
  }
}

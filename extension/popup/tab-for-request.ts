// Which tab a waiting request (a fill to choose, codes to save) belongs to, in the toolbar popup or Keyfob's own window.
import { activeTab } from './browser.ts';

/** The tab named by `?tab=N` (Keyfob's own window, opened for a background request), else the tab the popup is over. */
export async function tabForRequest(search: string): Promise<number | null> {
  const params = new URLSearchParams(search);
  const named = Number(params.get('tab'));
  if (params.has('tab') && Number.isInteger(named) && named >= 0) return named;
  return (await activeTab())?.id ?? null;
}

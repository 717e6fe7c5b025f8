// The list's order and how often each account is used, in chrome.storage.local (not secret, not synced): the order
// the user chose, and per account id a count of copies and fills. Ids are random, so the counts name no account and no
// site; they go when the extension is removed, and a deleted account's count is dropped at the next count.
import { isListOrder, type ListOrder, type UseCounts } from '../../list-order.ts';
import { localStore } from '../platform/browser-api.ts';

const ORDER_KEY = 'listOrder';
const USES_KEY = 'useCounts';
/** A count stops here: enough to rank by, and a stored value can never grow without bound. */
export const MAX_USE_COUNT = 1_000_000;

export interface ListPrefs {
  order: ListOrder;
  uses: UseCounts;
}

/** Stored values are re-checked, so a value from an older version or a damaged store cannot break the list. */
function cleanUses(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [id, n] of Object.entries(raw)) {
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) out[id] = Math.min(n, MAX_USE_COUNT);
  }
  return out;
}

export async function readListPrefs(): Promise<ListPrefs> {
  const [order, uses] = await Promise.all([localStore.get<unknown>(ORDER_KEY), localStore.get<unknown>(USES_KEY)]);
  return { order: isListOrder(order) ? order : 'hand', uses: cleanUses(uses) };
}

export async function setListOrder(order: ListOrder): Promise<ListOrder> {
  await localStore.set(ORDER_KEY, order);
  return order;
}

// Counts are read, raised and written back: one at a time, so two copies in quick succession both count.
let counting: Promise<unknown> = Promise.resolve();

/** Adds one use of `id`; when `knownIds` is given, counts of other ids (deleted accounts) are dropped on the way. */
export function countUse(id: string, knownIds?: ReadonlySet<string>): Promise<number> {
  const run = counting.then(async () => {
    const uses = cleanUses(await localStore.get<unknown>(USES_KEY));
    if (knownIds) for (const old of Object.keys(uses)) if (!knownIds.has(old)) delete uses[old];
    uses[id] = Math.min((uses[id] ?? 0) + 1, MAX_USE_COUNT);
    await localStore.set(USES_KEY, uses);
    return uses[id]!;
  });
  counting = run.catch(() => undefined);
  return run;
}

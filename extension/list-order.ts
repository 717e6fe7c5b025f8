// The account list's order, shared by the popup (which sorts what it shows) and the background (which picks the first
// screen's rows and moves accounts by hand): favourites first, then by hand (the stored position), most used, or name.
import type { AccountView } from './messages.ts';

export type ListOrder = 'hand' | 'used' | 'name';
export const LIST_ORDERS: readonly ListOrder[] = ['hand', 'used', 'name'];

/** How often each account's code was copied or filled, by account id: numbers only, never a name or a site. */
export type UseCounts = Readonly<Record<string, number>>;

export type Orderable = Pick<AccountView, 'id' | 'position' | 'issuer' | 'account' | 'favourite'>;

export function isListOrder(value: unknown): value is ListOrder {
  return typeof value === 'string' && (LIST_ORDERS as readonly string[]).includes(value);
}

// One collator for every sort: building one costs more than a thousand comparisons. Base sensitivity: "émile" sorts
// with "Emile", as people read them.
let collator: Intl.Collator | null = null;
function compareNames(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return collator.compare(a, b);
}

const byHand = (a: Orderable, b: Orderable): number => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The accounts in list order (a new array): favourites first, each part sorted by `order`, ties by position then id. */
export function orderAccounts<T extends Orderable>(accounts: readonly T[], order: ListOrder, uses: UseCounts): T[] {
  const within = order === 'used'
    ? (a: T, b: T) => (uses[b.id] ?? 0) - (uses[a.id] ?? 0) || byHand(a, b)
    : order === 'name'
      ? (a: T, b: T) => compareNames(a.issuer || a.account, b.issuer || b.account) || compareNames(a.account, b.account) || byHand(a, b)
      : byHand;
  return [...accounts].sort((a, b) => Number(b.favourite) - Number(a.favourite) || within(a, b));
}

/**
 * The account that `id` trades places with when moved one step up or down by hand: its neighbour in the by-hand
 * order, if that neighbour is pinned alike (a move never crosses between favourites and the rest). Null at an edge.
 */
export function moveNeighbour<T extends Orderable>(accounts: readonly T[], id: string, direction: 'up' | 'down'): { place: number; other: T | null } | null {
  const sorted = orderAccounts(accounts, 'hand', {});
  const i = sorted.findIndex((a) => a.id === id);
  if (i < 0) return null;
  const other = sorted[direction === 'up' ? i - 1 : i + 1];
  return { place: i, other: other && other.favourite === sorted[i]!.favourite ? other : null };
}

/**
 * New positions for a move: the two accounts swap positions. Rows that share a position (two devices added accounts
 * at once and sync kept both) cannot be told apart by a swap, so the moved one steps just past its neighbour.
 */
export function swappedPositions(moved: number, other: number, direction: 'up' | 'down'): { moved: number; other: number } {
  if (moved !== other) return { moved: other, other: moved };
  return { moved: direction === 'up' ? other - 1 : other + 1, other };
}

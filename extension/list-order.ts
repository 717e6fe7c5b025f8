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

/**
 * The places (from 0) in the by-hand order that `id` may be put at: its own part of the list, favourites or the rest
 * (a drag never crosses that line, as a move never does). Null for an unknown account.
 */
export function placeRange<T extends Pick<Orderable, 'id' | 'favourite'>>(sorted: readonly T[], id: string): { from: number; first: number; last: number } | null {
  const from = sorted.findIndex((a) => a.id === id);
  if (from < 0) return null;
  const favourite = sorted[from]!.favourite;
  let first = from;
  while (first > 0 && sorted[first - 1]!.favourite === favourite) first--;
  let last = from;
  while (last < sorted.length - 1 && sorted[last + 1]!.favourite === favourite) last++;
  return { from, first, last };
}

/**
 * New positions when the account at place `from` of the by-hand order (`sorted`, from orderAccounts) is put at place
 * `to` of the same part, rewriting as few rows as it can: every rewritten row is resealed and synced (a thousand
 * accounts, a thousand uploads). Positions are whole numbers (sync refuses others) and may go below zero. The moved
 * row keeps its position or takes a free one between its new neighbours (one row); with none free, it pushes its
 * neighbours aside on the side where a free position is nearer. Rows that shared a position (two devices added
 * accounts at once) are spread apart where pushed. Only the changed positions are returned, by id.
 */
export function placedPositions<T extends Orderable>(sorted: readonly T[], from: number, to: number): Map<string, number> {
  const range = placeRange(sorted, sorted[from]?.id ?? '');
  if (!range || to < range.first || to > range.last) throw new RangeError('A place outside the account\'s part of the list');
  const order = sorted.slice(range.first, range.last + 1);
  const [moved] = order.splice(from - range.first, 1);
  const at = to - range.first;
  order.splice(at, 0, moved!);
  const positions = order.map((a) => a.position);
  const best = [freeBetween(positions, at), pushed(positions, at, 1), pushed(positions, at, -1)]
    .filter((q): q is number[] => q !== null)
    .reduce((a, b) => (changes(b, positions) < changes(a, positions) ? b : a));
  const changed = new Map<string, number>();
  best.forEach((position, i) => { if (position !== positions[i]) changed.set(order[i]!.id, position); });
  return changed;
}

/** The moved row (at `at`) alone, kept or given a whole position strictly between its neighbours; null if none is free. */
function freeBetween(positions: readonly number[], at: number): number[] | null {
  const below = positions[at - 1] ?? -Infinity;
  const above = positions[at + 1] ?? Infinity;
  const own = positions[at]!;
  if (own > below && own < above) return [...positions];
  if (above - below < 2) return null;
  const q = [...positions];
  q[at] = below === -Infinity ? above - 1 : above === Infinity ? below + 1 : Math.floor((below + above) / 2);
  return q;
}

/** The moved row just past its neighbour on one side, and the rows on the other side pushed on until there is room. */
function pushed(positions: readonly number[], at: number, direction: 1 | -1): number[] | null {
  const q = [...positions];
  const behind = q[at - direction];
  if (behind === undefined) return null;
  q[at] = behind + direction;
  for (let i = at + direction; i >= 0 && i < q.length && (q[i]! - q[i - direction]!) * direction <= 0; i += direction) {
    q[i] = q[i - direction]! + direction;
  }
  return q;
}

const changes = (q: readonly number[], positions: readonly number[]): number => q.filter((p, i) => p !== positions[i]).length;

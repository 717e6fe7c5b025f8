// Putting an account at a place by hand (the popup's drag and drop, the background's placeAccount): the rows between
// shift by one and keep whole positions, only changed rows are rewritten, and nothing crosses the favourites' line.
import { describe, expect, it } from 'vitest';
import { orderAccounts, placedPositions, placeRange, type Orderable } from '../../../extension/list-order.ts';

const acct = (id: string, position: number, favourite = false): Orderable => ({ id, position, issuer: id, account: '', favourite });

/** The by-hand order after applying `changed` to `list`. */
function after(list: readonly Orderable[], changed: ReadonlyMap<string, number>): string[] {
  return orderAccounts(list.map((a) => ({ ...a, position: changed.get(a.id) ?? a.position })), 'hand', {}).map((a) => a.id);
}

// Two favourites (p, q) above five others, as orderAccounts sorts them.
const LIST = orderAccounts([acct('p', 10, true), acct('q', 11, true), acct('a', 0), acct('b', 1), acct('c', 2), acct('d', 3), acct('e', 4)], 'hand', {});

describe('placeRange', () => {
  it('spans the account\'s own part of the list: the favourites, or the rest', () => {
    expect(placeRange(LIST, 'q')).toEqual({ from: 1, first: 0, last: 1 });
    expect(placeRange(LIST, 'c')).toEqual({ from: 4, first: 2, last: 6 });
    expect(placeRange(LIST, 'nope')).toBeNull();
  });
});

describe('placedPositions', () => {
  it('moves an account up among consecutive positions, pushing aside the rows on the shorter side', () => {
    const changed = placedPositions(LIST, 6, 3);
    expect(after(LIST, changed)).toEqual(['p', 'q', 'a', 'e', 'b', 'c', 'd']);
    // Below zero is a position like any other: two rows rewritten rather than four.
    expect(Object.fromEntries(changed)).toEqual({ a: -1, e: 0 });
  });

  it('moves an account down, rewriting no more rows than lie between its old and new place', () => {
    const changed = placedPositions(LIST, 2, 4);
    expect(after(LIST, changed)).toEqual(['p', 'q', 'b', 'c', 'a', 'd', 'e']);
    expect(changed.size).toBe(3);
  });

  it('rewrites only the moved row when it goes to either end of its part', () => {
    const top = placedPositions(LIST, 6, 2);
    expect(after(LIST, top)).toEqual(['p', 'q', 'e', 'a', 'b', 'c', 'd']);
    expect(Object.fromEntries(top)).toEqual({ e: -1 });
    const bottom = placedPositions(LIST, 2, 6);
    expect(after(LIST, bottom)).toEqual(['p', 'q', 'b', 'c', 'd', 'e', 'a']);
    expect(Object.fromEntries(bottom)).toEqual({ a: 5 });
  });

  it('rewrites only the moved row when a position between its new neighbours is free', () => {
    const sparse = orderAccounts([acct('a', 0), acct('b', 10), acct('c', 20), acct('d', 30)], 'hand', {});
    const changed = placedPositions(sparse, 3, 1);
    expect(after(sparse, changed)).toEqual(['a', 'd', 'b', 'c']);
    expect(Object.fromEntries(changed)).toEqual({ d: 5 });
  });

  it('keeps every position a whole number, as sync requires', () => {
    for (const value of placedPositions(LIST, 5, 2).values()) expect(Number.isInteger(value)).toBe(true);
  });

  it('refuses a place across the line between favourites and the rest, or past either end', () => {
    expect(() => placedPositions(LIST, 2, 1)).toThrow(RangeError);
    expect(() => placedPositions(LIST, 1, 2)).toThrow(RangeError);
    expect(() => placedPositions(LIST, 6, 7)).toThrow(RangeError);
    expect(() => placedPositions(LIST, 9, 2)).toThrow(RangeError);
  });

  it('moves among rows that share a position (two devices added at once) to exactly the place asked', () => {
    const shared = orderAccounts([acct('a', 0), acct('b', 1), acct('c', 1), acct('d', 1), acct('e', 2)], 'hand', {});
    expect(after(shared, placedPositions(shared, 3, 1))).toEqual(['a', 'd', 'b', 'c', 'e']);
    expect(after(shared, placedPositions(shared, 0, 2))).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(after(shared, placedPositions(shared, 1, 3))).toEqual(['a', 'c', 'd', 'b', 'e']);
  });

  it('lands every account at every place of its part, whatever the positions, within the rows between', () => {
    // A small deterministic generator: positions with ties, gaps and negatives, every move of every account.
    let seed = 7;
    const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let round = 0; round < 40; round++) {
      const list = orderAccounts(Array.from({ length: 8 }, (_, i) => acct(`x${i}`, next(12) - 3, i < 2)), 'hand', {});
      for (let from = 0; from < list.length; from++) {
        const { first, last } = placeRange(list, list[from]!.id)!;
        for (let to = first; to <= last; to++) {
          const want = list.map((a) => a.id);
          const [moved] = want.splice(from, 1);
          want.splice(to, 0, moved!);
          const changed = placedPositions(list, from, to);
          expect(after(list, changed)).toEqual(want);
          const distinct = new Set(list.map((a) => a.position)).size === list.length;
          if (distinct) expect(changed.size).toBeLessThanOrEqual(Math.abs(to - from) + 1);
        }
      }
    }
  });

  it('changes nothing when the account stays where it is', () => {
    expect(placedPositions(LIST, 4, 4).size).toBe(0);
  });
});

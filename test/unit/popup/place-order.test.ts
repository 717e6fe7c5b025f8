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
  it('moves an account up: it takes the position of the row it lands on, and the rows between shift down by one', () => {
    const changed = placedPositions(LIST, 6, 3);
    expect(after(LIST, changed)).toEqual(['p', 'q', 'a', 'e', 'b', 'c', 'd']);
    expect(Object.fromEntries(changed)).toEqual({ e: 1, b: 2, c: 3, d: 4 });
  });

  it('moves an account down, rewriting only the rows between its old and new place', () => {
    const changed = placedPositions(LIST, 2, 4);
    expect(after(LIST, changed)).toEqual(['p', 'q', 'b', 'c', 'a', 'd', 'e']);
    expect([...changed.keys()].sort()).toEqual(['a', 'b', 'c']);
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

  it('moves among rows that share a position (two devices added at once) and leaves every position distinct', () => {
    const shared = orderAccounts([acct('a', 0), acct('b', 1), acct('c', 1), acct('d', 1), acct('e', 2)], 'hand', {});
    const changed = placedPositions(shared, 3, 1);
    expect(after(shared, changed)).toEqual(['a', 'd', 'b', 'c', 'e']);
    const positions = after(shared, changed).map((id) => changed.get(id) ?? shared.find((a) => a.id === id)!.position);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it('changes nothing when the account stays where it is', () => {
    expect(placedPositions(LIST, 4, 4).size).toBe(0);
  });
});

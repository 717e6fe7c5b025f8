// The list's order: favourites first, then by hand, most used or name; moving by hand trades places with a neighbour.
import { describe, expect, it } from 'vitest';
import { isListOrder, moveNeighbour, orderAccounts, swappedPositions, type Orderable } from '../../../extension/list-order.ts';

const acct = (id: string, position: number, issuer: string, favourite = false, account = ''): Orderable => ({ id, position, issuer, account, favourite });
const ids = (list: readonly Orderable[]) => list.map((a) => a.id);

const LIST = [
  acct('a', 0, 'Zeta'),
  acct('b', 1, 'alpha'),
  acct('c', 2, 'Émile', true),
  acct('d', 3, 'Beta'),
  acct('e', 4, 'Delta', true),
];

describe('orderAccounts', () => {
  it('puts favourites first and keeps the stored positions by hand', () => {
    expect(ids(orderAccounts(LIST, 'hand', {}))).toEqual(['c', 'e', 'a', 'b', 'd']);
  });

  it('sorts by name ignoring case and accents, favourites still first', () => {
    expect(ids(orderAccounts(LIST, 'name', {}))).toEqual(['e', 'c', 'b', 'd', 'a']);
  });

  it('sorts by name with the account name when there is no issuer, and numbers as numbers', () => {
    const list = [acct('x', 0, '', false, 'server10'), acct('y', 1, '', false, 'server9'), acct('z', 2, 'Server 1')];
    expect(ids(orderAccounts(list, 'name', {}))).toEqual(['z', 'y', 'x']);
  });

  it('sorts by use count, most used first, ties and unused ones by hand', () => {
    expect(ids(orderAccounts(LIST, 'used', { d: 5, b: 9, a: 5 }))).toEqual(['c', 'e', 'b', 'a', 'd']);
    expect(ids(orderAccounts(LIST, 'used', { e: 1 }))).toEqual(['e', 'c', 'a', 'b', 'd']);
  });

  it('breaks equal positions by id, so every device shows the same order', () => {
    const list = [acct('q', 1, 'Q'), acct('p', 1, 'P')];
    expect(ids(orderAccounts(list, 'hand', {}))).toEqual(['p', 'q']);
  });

  it('leaves its input untouched', () => {
    const before = ids(LIST);
    orderAccounts(LIST, 'name', {});
    expect(ids(LIST)).toEqual(before);
  });
});

describe('moving by hand', () => {
  it('finds the neighbour above or below in the by-hand order', () => {
    expect(moveNeighbour(LIST, 'b', 'up')).toEqual({ place: 3, other: LIST[0] });
    expect(moveNeighbour(LIST, 'b', 'down')).toEqual({ place: 3, other: LIST[3] });
  });

  it('never moves an account across the line between favourites and the rest', () => {
    expect(moveNeighbour(LIST, 'a', 'up')).toEqual({ place: 2, other: null });
    expect(moveNeighbour(LIST, 'e', 'down')).toEqual({ place: 1, other: null });
    expect(moveNeighbour(LIST, 'e', 'up')?.other?.id).toBe('c');
  });

  it('has no neighbour beyond either end, and no answer for an unknown account', () => {
    expect(moveNeighbour(LIST, 'c', 'up')?.other).toBeNull();
    expect(moveNeighbour(LIST, 'd', 'down')?.other).toBeNull();
    expect(moveNeighbour(LIST, 'nope', 'up')).toBeNull();
  });

  it('swaps two positions, and steps past a neighbour that shares the position', () => {
    expect(swappedPositions(4, 2, 'up')).toEqual({ moved: 2, other: 4 });
    expect(swappedPositions(3, 3, 'up')).toEqual({ moved: 2, other: 3 });
    expect(swappedPositions(3, 3, 'down')).toEqual({ moved: 4, other: 3 });
  });
});

describe('isListOrder', () => {
  it('accepts the three orders and nothing else', () => {
    expect(['hand', 'used', 'name'].every(isListOrder)).toBe(true);
    expect([undefined, 'random', 1, null].some(isListOrder)).toBe(false);
  });
});

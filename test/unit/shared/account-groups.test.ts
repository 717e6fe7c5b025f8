// Group names' one normal form: what imports keep (cleanGroups) and what requests and synced records may hold (checkGroups).
import { describe, expect, it } from 'vitest';
import { checkGroups, cleanGroups, MAX_GROUP_LENGTH, MAX_GROUPS } from '../../../src/shared/index.ts';

describe('cleanGroups', () => {
  it('trims names, drops empty ones and anything that is not text, and keeps the first of each name in order', () => {
    expect(cleanGroups([' Work ', 'Bank', '', '   ', 7, null, 'Work', 'work', { name: 'x' }])).toEqual(['Work', 'Bank', 'work']);
  });

  it('reads anything that is not a list as no groups', () => {
    for (const raw of [undefined, null, 'Work', 3, { 0: 'Work' }]) expect(cleanGroups(raw)).toEqual([]);
  });

  it('cuts a long name to 64 characters counted as people see them, and keeps at most 32 names', () => {
    const emoji = '🔑'.repeat(70);
    const [cut] = cleanGroups([emoji]);
    expect([...cut!].length).toBe(MAX_GROUP_LENGTH);
    expect(cut!.length).toBe(MAX_GROUP_LENGTH * 2);
    const many = Array.from({ length: 40 }, (_, i) => `g${i}`);
    expect(cleanGroups(many)).toEqual(many.slice(0, MAX_GROUPS));
  });

  it('treats two names that are the same once cut as one', () => {
    const long = 'x'.repeat(MAX_GROUP_LENGTH);
    expect(cleanGroups([`${long}a`, `${long}b`])).toEqual([long]);
  });
});

describe('checkGroups', () => {
  it('returns the normal form of a valid list: trimmed, no empty names, no name twice', () => {
    expect(checkGroups([' Work', 'Bank ', 'Work', ''])).toEqual(['Work', 'Bank']);
    expect(checkGroups([])).toEqual([]);
  });

  it('refuses what it cannot keep whole instead of cutting it', () => {
    expect(checkGroups('Work')).toBeNull();
    expect(checkGroups(['Work', 3])).toBeNull();
    expect(checkGroups(['x'.repeat(MAX_GROUP_LENGTH + 1)])).toBeNull();
    expect(checkGroups(Array.from({ length: MAX_GROUPS + 1 }, (_, i) => `g${i}`))).toBeNull();
  });

  it('accepts exactly the bounds: 32 names of 64 characters, an emoji counting as one', () => {
    const full = Array.from({ length: MAX_GROUPS }, (_, i) => `${i}`.padEnd(MAX_GROUP_LENGTH, '🔑'));
    expect(checkGroups(full)).toEqual(full);
  });
});

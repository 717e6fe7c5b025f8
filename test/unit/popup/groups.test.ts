// Groups in the popup: typed names become the vault's normal form or a clear refusal; the filter counts each group.
import { describe, expect, it } from 'vitest';
import { groupCounts, groupsText, inGroup, parseGroupsInput } from '../../../extension/popup/components/groups.ts';
import { MAX_GROUP_LENGTH, MAX_GROUPS } from '../../../src/shared/account-groups.ts';

describe('parseGroupsInput', () => {
  it('reads names one per line or separated by commas, trimmed, blanks skipped, repeats kept once', () => {
    expect(parseGroupsInput(' Work, Banking\n\nPersonal ,Work\n')).toEqual({ ok: true, groups: ['Work', 'Banking', 'Personal'] });
  });

  it('reads an empty field as no groups', () => {
    expect(parseGroupsInput('  \n , ')).toEqual({ ok: true, groups: [] });
  });

  it('keeps names that differ only in case apart, as the vault does', () => {
    expect(parseGroupsInput('work\nWork')).toEqual({ ok: true, groups: ['work', 'Work'] });
  });

  it('refuses a name longer than the vault allows, naming it', () => {
    const long = 'x'.repeat(MAX_GROUP_LENGTH + 1);
    expect(parseGroupsInput(`Work\n${long}`)).toEqual({ ok: false, error: 'too_long', name: long, max: MAX_GROUP_LENGTH });
    expect(parseGroupsInput('é'.repeat(MAX_GROUP_LENGTH))).toEqual({ ok: true, groups: ['é'.repeat(MAX_GROUP_LENGTH)] });
  });

  it('refuses more groups than the vault allows, but counts repeats once', () => {
    const names = Array.from({ length: MAX_GROUPS + 1 }, (_, i) => `g${i}`);
    expect(parseGroupsInput(names.join(','))).toEqual({ ok: false, error: 'too_many', max: MAX_GROUPS });
    expect(parseGroupsInput([...names.slice(0, MAX_GROUPS), 'g0'].join(','))).toMatchObject({ ok: true });
  });

  it('turns back into the text it was read from', () => {
    const parsed = parseGroupsInput(groupsText(['Work', 'Family']));
    expect(parsed).toEqual({ ok: true, groups: ['Work', 'Family'] });
  });
});

describe('groupCounts and inGroup', () => {
  const accounts = [
    { id: 'a', groups: ['Work', 'Banking'] },
    { id: 'b', groups: ['work'] },
    { id: 'c', groups: [] },
    { id: 'd', groups: ['Banking', 'Éducation'] },
  ];

  it('counts the accounts of every group, sorted by name', () => {
    expect(groupCounts(accounts)).toEqual([
      { name: 'Banking', count: 2 }, { name: 'Éducation', count: 1 }, { name: 'Work', count: 1 }, { name: 'work', count: 1 },
    ]);
  });

  it('keeps the accounts of one group in their order, or all of them for the empty choice', () => {
    expect(inGroup(accounts, 'Banking').map((a) => a.id)).toEqual(['a', 'd']);
    expect(inGroup(accounts, '').map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(inGroup(accounts, 'Nothing')).toEqual([]);
  });
});

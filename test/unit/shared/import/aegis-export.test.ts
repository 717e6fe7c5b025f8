// Keyfob's export for leaving (an Aegis plain vault) reads back through the Aegis parser as the same accounts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatAegisExport } from '../../../../src/shared/import/aegis-export.ts';
import { detect, expectSameAccounts, importBytes } from './helpers.ts';
import { makeAccounts } from './writers/accounts.ts';

describe('Aegis export', () => {
  it('writes a plain Aegis vault that the Aegis importer reads back as the same accounts, notes included', async () => {
    const accounts = makeAccounts(25);
    const file = formatAegisExport(accounts.map((a, i) => ({ account: a, notes: i === 3 ? 'recovery codes in the drawer' : '', groups: [], favourite: false })), randomUUID);
    expect(detect(file)).toEqual({ format: 'aegis', app: 'Aegis', encrypted: false, entries: 25 });
    const result = await importBytes(file);
    expectSameAccounts(result, accounts);
    expect(result.accounts[3]?.note).toBe('recovery codes in the drawer');
  });

  it('keeps Aegis\'s own layout: version 1, no slots, database version 3, one uuid per entry, period or counter by type', () => {
    const [totp, , , hotp, steam] = makeAccounts(5);
    const json = JSON.parse(formatAegisExport([totp!, hotp!, steam!].map((account) => ({ account, notes: '', groups: [], favourite: false })), randomUUID));
    expect(json.header).toEqual({ slots: null, params: null });
    expect(json.db.version).toBe(3);
    expect(new Set(json.db.entries.map((e: { uuid: string }) => e.uuid)).size).toBe(3);
    expect(json.db.entries.map((e: { type: string; info: Record<string, unknown> }) => [e.type, Object.keys(e.info).sort()])).toEqual([
      ['totp', ['algo', 'digits', 'period', 'secret']], ['hotp', ['algo', 'counter', 'digits', 'secret']], ['steam', ['algo', 'digits', 'period', 'secret']],
    ]);
  });

  it('writes each group once with a uuid, entries listing their groups by uuid, and the favourite flag', () => {
    const [a, b, c] = makeAccounts(3);
    const json = JSON.parse(formatAegisExport([
      { account: a!, notes: '', groups: ['Work', 'Bank'], favourite: true },
      { account: b!, notes: '', groups: ['Bank'], favourite: false },
      { account: c!, notes: '', groups: [], favourite: false },
    ], randomUUID)) as { db: { groups: { uuid: string; name: string }[]; entries: { groups: string[]; favorite: boolean }[] } };
    expect(json.db.groups.map((g) => g.name)).toEqual(['Work', 'Bank']);
    const idOf = new Map(json.db.groups.map((g) => [g.name, g.uuid]));
    expect(new Set(idOf.values()).size).toBe(2);
    expect(json.db.entries.map((e) => e.groups)).toEqual([[idOf.get('Work'), idOf.get('Bank')], [idOf.get('Bank')], []]);
    expect(json.db.entries.map((e) => e.favorite)).toEqual([true, false, false]);
  });

  it('reads back through the Aegis importer with the same groups and favourites', async () => {
    const accounts = makeAccounts(4);
    const extras = [
      { groups: ['Work'], favourite: true }, { groups: [], favourite: false },
      { groups: ['Work', 'Home'], favourite: false }, { groups: ['Home'], favourite: true },
    ];
    const result = await importBytes(formatAegisExport(accounts.map((account, i) => ({ account, notes: '', ...extras[i]! })), randomUUID));
    expect(result.accounts.map((a) => ({ groups: a.groups, favourite: a.favorite }))).toEqual(extras);
  });
});

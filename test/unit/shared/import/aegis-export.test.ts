// Keyfob's export for leaving (an Aegis plain vault) reads back through the Aegis parser as the same accounts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatAegisExport } from '../../../../src/shared/import/aegis-export.ts';
import { detect, expectSameAccounts, importBytes } from './helpers.ts';
import { makeAccounts } from './writers/accounts.ts';

describe('Aegis export', () => {
  it('writes a plain Aegis vault that the Aegis importer reads back as the same accounts, notes included', async () => {
    const accounts = makeAccounts(25);
    const file = formatAegisExport(accounts.map((a, i) => ({ account: a, notes: i === 3 ? 'recovery codes in the drawer' : '' })), randomUUID);
    expect(detect(file)).toEqual({ format: 'aegis', app: 'Aegis', encrypted: false, entries: 25 });
    const result = await importBytes(file);
    expectSameAccounts(result, accounts);
    expect(result.accounts[3]?.note).toBe('recovery codes in the drawer');
  });

  it('keeps Aegis\'s own layout: version 1, no slots, database version 3, one uuid per entry, period or counter by type', () => {
    const [totp, , , hotp, steam] = makeAccounts(5);
    const json = JSON.parse(formatAegisExport([totp!, hotp!, steam!].map((account) => ({ account, notes: '' })), randomUUID));
    expect(json.header).toEqual({ slots: null, params: null });
    expect(json.db.version).toBe(3);
    expect(new Set(json.db.entries.map((e: { uuid: string }) => e.uuid)).size).toBe(3);
    expect(json.db.entries.map((e: { type: string; info: Record<string, unknown> }) => [e.type, Object.keys(e.info).sort()])).toEqual([
      ['totp', ['algo', 'digits', 'period', 'secret']], ['hotp', ['algo', 'counter', 'digits', 'secret']], ['steam', ['algo', 'digits', 'period', 'secret']],
    ]);
  });
});

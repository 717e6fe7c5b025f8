// Sealing account rows in Node: fresh IVs, and rows that cannot be moved between ids or schema versions.
import { describe, expect, it } from 'vitest';
import { generateDataKey, sealWithKey } from '../../../src/shared/index.ts';
import type { AccountRecord } from '../../../extension/background/vault/account-record.ts';
import { encodeRecord } from '../../../extension/background/vault/account-record.ts';
import { openAccountRow, recordAad, sealAccountRow } from '../../../extension/background/vault/record-seal.ts';
import { pngDataUrl } from '../shared/icon-fixtures.ts';

const record: AccountRecord = {
  account: { type: 'totp', issuer: 'ACME', account: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  origins: ['https://acme.example'],
  notes: 'note',
  recoveryCodes: [{ code: 'r-1', used: false }],
  createdAt: 1_700_000_000_000,
  groups: ['Work', 'Bank'],
  favourite: true,
};

describe('account row sealing', () => {
  it('round-trips a record and keeps every field out of the row in clear', async () => {
    const key = await generateDataKey();
    const row = await sealAccountRow(key, 'id-1', 4, record, 1);
    expect(Object.keys(row).sort()).toEqual(['id', 'position', 'schema', 'sealed']);
    const text = JSON.stringify(row);
    for (const clear of ['ACME', 'alice', 'JBSWY3DPEHPK3PXP', 'acme.example', 'note', 'r-1']) expect(text).not.toContain(clear);
    expect(await openAccountRow(key, row, 1)).toEqual({ id: 'id-1', position: 4, record });
  });

  it('uses a fresh IV for every seal of the same record', async () => {
    const key = await generateDataKey();
    const a = await sealAccountRow(key, 'id-1', 0, record, 1);
    const b = await sealAccountRow(key, 'id-1', 0, record, 1);
    expect(a.sealed.iv).not.toBe(b.sealed.iv);
    expect(a.sealed.ct).not.toBe(b.sealed.ct);
  });

  it('refuses a sealed record moved to another id', async () => {
    const key = await generateDataKey();
    const a = await sealAccountRow(key, 'id-a', 0, record, 1);
    const b = await sealAccountRow(key, 'id-b', 1, { ...record, notes: 'other' }, 1);
    expect(await openAccountRow(key, { ...a, sealed: b.sealed }, 1)).toBeNull();
    expect(await openAccountRow(key, { ...b, sealed: a.sealed }, 1)).toBeNull();
  });

  it('opens an older schema\'s row under its own AAD, and refuses a row that lies about its version', async () => {
    const key = await generateDataKey();
    const old = await sealAccountRow(key, 'id-1', 0, record, 1);
    expect(await openAccountRow(key, old, 2)).toEqual({ id: 'id-1', position: 0, record });
    // Rows written by schema 1 carried no version at all.
    const { schema: _dropped, ...unversioned } = old;
    expect(await openAccountRow(key, unversioned, 2)).toEqual({ id: 'id-1', position: 0, record });
    expect(await openAccountRow(key, { ...old, schema: 2 }, 2)).toBeNull();
    const current = await sealAccountRow(key, 'id-1', 0, record, 2);
    expect(await openAccountRow(key, { ...current, schema: 1 }, 2)).toBeNull();
    expect(await openAccountRow(key, current, 1)).toBeNull(); // an older Keyfob does not read a newer row
  });

  it('refuses a record read under another key, or with a flipped byte', async () => {
    const key = await generateDataKey();
    const row = await sealAccountRow(key, 'id-1', 0, record, 1);
    expect(await openAccountRow(await generateDataKey(), row, 1)).toBeNull();
    const ct = Buffer.from(row.sealed.ct, 'base64');
    ct[5] = (ct[5] ?? 0) ^ 1;
    expect(await openAccountRow(key, { ...row, sealed: { ...row.sealed, ct: ct.toString('base64') } }, 1)).toBeNull();
  });

  it('opens a row sealed before groups and favourites as no groups and not a favourite, not as a corrupt row', async () => {
    const key = await generateDataKey();
    const { groups: _g, favourite: _f, ...before } = record;
    const bytes = new TextEncoder().encode(JSON.stringify(before));
    for (const schema of [1, 2]) {
      const row = { id: 'id-1', position: 0, schema, sealed: await sealWithKey(key, bytes, recordAad('id-1', schema)) };
      expect(await openAccountRow(key, row, 2)).toEqual({ id: 'id-1', position: 0, record: { ...before, groups: [], favourite: false } });
    }
  });

  it('keeps the groups and favourite it sealed, and reads odd stored values in their normal form', async () => {
    const key = await generateDataKey();
    expect((await openAccountRow(key, await sealAccountRow(key, 'id-1', 0, record, 2), 2))?.record).toMatchObject({ groups: ['Work', 'Bank'], favourite: true });
    const odd = new TextEncoder().encode(JSON.stringify({ ...record, groups: [' Work', 'Work', 7, ''], favourite: 'yes' }));
    const row = { id: 'id-1', position: 0, schema: 2, sealed: await sealWithKey(key, odd, recordAad('id-1', 2)) };
    expect((await openAccountRow(key, row, 2))?.record).toMatchObject({ groups: ['Work'], favourite: false });
  });

  it('keeps the icon it sealed, and encodes a record without one to the same bytes as before icons', async () => {
    const key = await generateDataKey();
    const icon = { kind: 'site' as const, data: pngDataUrl(32, 32) };
    const opened = await openAccountRow(key, await sealAccountRow(key, 'id-1', 0, { ...record, icon }, 2), 2);
    expect(opened?.record.icon).toEqual(icon);
    const plain = await openAccountRow(key, await sealAccountRow(key, 'id-1', 0, record, 2), 2);
    expect(plain?.record).not.toHaveProperty('icon');
    expect(new TextDecoder().decode(encodeRecord(plain!.record))).toBe(JSON.stringify(record));
  });

  it('reads a stored icon that fails the check (an SVG, say) as automatic, not as a corrupt row', async () => {
    const key = await generateDataKey();
    const svg = { kind: 'site', data: `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}` };
    const bytes = new TextEncoder().encode(JSON.stringify({ ...record, icon: svg }));
    const row = { id: 'id-1', position: 0, schema: 2, sealed: await sealWithKey(key, bytes, recordAad('id-1', 2)) };
    const opened = await openAccountRow(key, row, 2);
    expect(opened?.record.favourite).toBe(true);
    expect(opened?.record).not.toHaveProperty('icon');
  });
});

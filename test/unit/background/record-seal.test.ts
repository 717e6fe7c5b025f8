// Sealing account rows in Node: fresh IVs, and rows that cannot be moved between ids or schema versions.
import { describe, expect, it } from 'vitest';
import { generateDataKey } from '../../../src/shared/index.ts';
import type { AccountRecord } from '../../../extension/background/vault/account-record.ts';
import { openAccountRow, sealAccountRow } from '../../../extension/background/vault/record-seal.ts';

const record: AccountRecord = {
  account: { type: 'totp', issuer: 'ACME', account: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  sites: ['acme.example'],
  notes: 'note',
  recoveryCodes: [{ code: 'r-1', used: false }],
  createdAt: 1_700_000_000_000,
};

describe('account row sealing', () => {
  it('round-trips a record and keeps every field out of the row in clear', async () => {
    const key = await generateDataKey();
    const row = await sealAccountRow(key, 'id-1', 4, record, 1);
    expect(Object.keys(row).sort()).toEqual(['id', 'position', 'sealed']);
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

  it('refuses a record read under another schema version, another key, or with a flipped byte', async () => {
    const key = await generateDataKey();
    const row = await sealAccountRow(key, 'id-1', 0, record, 1);
    expect(await openAccountRow(key, row, 2)).toBeNull();
    expect(await openAccountRow(await generateDataKey(), row, 1)).toBeNull();
    const ct = Buffer.from(row.sealed.ct, 'base64');
    ct[5] = (ct[5] ?? 0) ^ 1;
    expect(await openAccountRow(key, { ...row, sealed: { ...row.sealed, ct: ct.toString('base64') } }, 1)).toBeNull();
  });
});

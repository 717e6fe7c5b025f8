// The account index as data and as a sealed record: built from opened rows, kept current, checked against the rows.
import { describe, expect, it } from 'vitest';
import { generateDataKey, sealWithKey } from '../../../src/shared/index.ts';
import type { AccountRecord, StoredAccount } from '../../../extension/background/vault/account-record.ts';
import { applyToIndex, buildIndex, indexMatchesRows, type OpenedRow } from '../../../extension/background/vault/index-record.ts';
import { indexAad, openAccountRow, openIndexRow, sealAccountRow, sealIndexRow } from '../../../extension/background/vault/record-seal.ts';

const SCHEMA = 2;

function record(issuer: string): AccountRecord {
  return {
    account: { type: 'totp', issuer, account: `${issuer.toLowerCase()}@example.com`, secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    origins: [`https://${issuer.toLowerCase()}.example`],
    notes: `notes of ${issuer}`,
    recoveryCodes: [{ code: `rc-${issuer}`, used: false }],
    createdAt: 1,
    groups: [],
    favourite: false,
  };
}

async function opened(key: CryptoKey, id: string, position: number, issuer: string): Promise<OpenedRow> {
  const account: StoredAccount = { id, position, record: record(issuer) };
  return { row: await sealAccountRow(key, id, position, account.record, SCHEMA), account };
}

describe('the account index', () => {
  it('lists readable rows in position order without secrets, and unreadable rows apart', async () => {
    const key = await generateDataKey();
    const b = await opened(key, 'b', 1, 'Beta');
    const a = await opened(key, 'a', 0, 'Alpha');
    const broken = { ...(await opened(key, 'c', 2, 'Gamma')), account: null };
    const index = buildIndex([b, broken, a]);
    expect(index.entries.map((e) => e.view.issuer)).toEqual(['Alpha', 'Beta']);
    expect(index.corrupt).toEqual([{ id: 'c', position: 2, seal: broken.row.sealed.iv }]);
    const text = JSON.stringify(index);
    for (const secret of ['JBSWY3DPEHPK3PXP', 'rc-Alpha']) expect(text).not.toContain(secret);
    expect(index.entries[0]!.view.recoveryCodes).toEqual({ total: 1, unused: 1 });
  });

  it('matches exactly the rows it was built from, and no longer once a row is rewritten, swapped, added or removed', async () => {
    const key = await generateDataKey();
    const rows = [await opened(key, 'a', 0, 'Alpha'), await opened(key, 'b', 1, 'Beta')];
    const index = buildIndex(rows);
    const plain = rows.map((r) => r.row);
    expect(indexMatchesRows(index, plain)).toBe(true);
    const resealed = await sealAccountRow(key, 'a', 0, record('Alpha'), SCHEMA);
    expect(indexMatchesRows(index, [resealed, plain[1]!])).toBe(false);
    expect(indexMatchesRows(index, [{ ...plain[0]!, sealed: plain[1]!.sealed }, { ...plain[1]!, sealed: plain[0]!.sealed }])).toBe(false);
    expect(indexMatchesRows(index, [plain[0]!])).toBe(false);
    expect(indexMatchesRows(index, [...plain, (await opened(key, 'c', 2, 'Gamma')).row])).toBe(false);
    expect(indexMatchesRows(index, [{ ...plain[0]!, position: 5 }, plain[1]!])).toBe(false);
  });

  it('follows writes and deletions, and then matches the rows as they are', async () => {
    const key = await generateDataKey();
    const [a, b] = [await opened(key, 'a', 0, 'Alpha'), await opened(key, 'b', 1, 'Beta')];
    const renamed = await opened(key, 'a', 0, 'Renamed');
    const c = await opened(key, 'c', 2, 'Gamma');
    const next = applyToIndex(buildIndex([a, b]), [renamed, c], ['b']);
    expect(next.entries.map((e) => e.view.issuer)).toEqual(['Renamed', 'Gamma']);
    expect(indexMatchesRows(next, [renamed.row, c.row])).toBe(true);
    // A corrupt row that is deleted leaves the index too.
    const broken = buildIndex([a, { row: b.row, account: null }]);
    expect(applyToIndex(broken, [], ['b']).corrupt).toEqual([]);
  });

  it('round-trips through its sealed record, which shows nothing in clear', async () => {
    const key = await generateDataKey();
    const index = buildIndex([await opened(key, 'a', 0, 'Alpha')]);
    const sealed = await sealIndexRow(key, index, SCHEMA);
    const text = JSON.stringify(sealed);
    for (const clear of ['Alpha', 'alpha', 'notes of']) expect(text).not.toContain(clear);
    expect(await openIndexRow(key, sealed, SCHEMA)).toEqual(index);
  });

  it('reads an index sealed before groups and favourites with none, so it still matches its rows and is not rebuilt', async () => {
    const key = await generateDataKey();
    const row = await opened(key, 'a', 0, 'Alpha');
    const index = buildIndex([row]);
    const before = { ...index, entries: index.entries.map(({ view: { groups: _g, favourite: _f, ...view }, seal }) => ({ view, seal })) };
    const sealed = { id: 'accounts' as const, schema: SCHEMA, sealed: await sealWithKey(key, new TextEncoder().encode(JSON.stringify(before)), indexAad(SCHEMA)) };
    const read = await openIndexRow(key, sealed, SCHEMA);
    expect(read?.entries.map((e) => [e.view.issuer, e.view.groups, e.view.favourite])).toEqual([['Alpha', [], false]]);
    expect(indexMatchesRows(read!, [row.row])).toBe(true);
  });

  it('refuses a record under another key or schema, and cannot pass an index for an account row or back', async () => {
    const key = await generateDataKey();
    const index = buildIndex([await opened(key, 'a', 0, 'Alpha')]);
    const sealed = await sealIndexRow(key, index, SCHEMA);
    expect(await openIndexRow(await generateDataKey(), sealed, SCHEMA)).toBeNull();
    expect(await openIndexRow(key, { ...sealed, schema: SCHEMA + 1 }, SCHEMA)).toBeNull();
    expect(await openIndexRow(key, { ...sealed, schema: SCHEMA + 1 }, SCHEMA + 1)).toBeNull();
    expect(await openAccountRow(key, { id: 'accounts', position: 0, schema: SCHEMA, sealed: sealed.sealed }, SCHEMA)).toBeNull();
    const row = (await opened(key, 'accounts', 0, 'Alpha')).row;
    expect(await openIndexRow(key, { id: 'accounts', schema: SCHEMA, sealed: row.sealed }, SCHEMA)).toBeNull();
  });
});

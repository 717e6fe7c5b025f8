// Sealed sync files: they open only as the record they were sealed for, untouched, and their size says nothing.
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes, bytesToBase64, deleteRecord, editRecord, generateDataKey, MAX_CLOCK_AHEAD_MS, mergeManifests, openManifest,
  openSyncRecord, recordFromAccount, sealManifest, sealSyncRecord, sealWithKey, SyncError, syncRecordAad, type SyncManifest,
} from '../../../../src/shared/index.ts';
import { at, syncedAccount, T0 } from './sync-fixtures.ts';

const key = await generateDataKey();
const record = editRecord(
  recordFromAccount('acc-1', syncedAccount({ notes: 'backup phone', recoveryCodes: [{ code: 'r-1', used: true }, { code: 'r-2', used: false }] }), at(T0)),
  { notes: 'new phone' }, at(T0 + 1, 'dev-b'),
);

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SyncError);
  return (e as SyncError).code;
}

function sealedBytes(text: string): number {
  return base64ToBytes((JSON.parse(text) as { ct: string }).ct).length;
}

describe('sealed sync records', () => {
  it('round-trips a record, deleted or not, and shows nothing in clear', async () => {
    const text = await sealSyncRecord(key, record);
    for (const clear of ['ACME', 'alice', 'JBSWY3DPEHPK3PXP', 'acme.example', 'new phone', 'r-1', 'dev-b']) expect(text).not.toContain(clear);
    expect(await openSyncRecord(key, 'acc-1', text, T0)).toEqual(record);
    const gone = deleteRecord(record, at(T0 + 2));
    expect(await openSyncRecord(key, 'acc-1', await sealSyncRecord(key, gone), T0)).toEqual(gone);
  });

  it('refuses a file put under another record id, while the right id still opens it', async () => {
    const text = await sealSyncRecord(key, record);
    expect(await refusal(openSyncRecord(key, 'acc-2', text, T0))).toBe('wrong-record');
    expect(await openSyncRecord(key, 'acc-1', text, T0)).toEqual(record);
  });

  it('refuses a file with one flipped ciphertext byte', async () => {
    const text = await sealSyncRecord(key, record);
    const box = JSON.parse(text) as { ct: string };
    const ct = base64ToBytes(box.ct);
    ct[10] = (ct[10] ?? 0) ^ 1;
    expect(await refusal(openSyncRecord(key, 'acc-1', JSON.stringify({ ...box, ct: bytesToBase64(ct) }), T0))).toBe('tampered');
  });

  it('refuses a file sealed under another key', async () => {
    const other = await sealSyncRecord(await generateDataKey(), record);
    expect(await refusal(openSyncRecord(key, 'acc-1', other, T0))).toBe('tampered');
  });

  it('answers garbage with a typed error, never a crash', async () => {
    for (const junk of [null, 42, '', 'not json', '{}', '[]', '{"v":1,"iv":"","ct":"","ctx":""}', JSON.stringify({ v: 9, iv: 'a', ct: 'b', ctx: 'c' })]) {
      expect(['malformed', 'unsupported-version']).toContain(await refusal(openSyncRecord(key, 'acc-1', junk, T0)));
    }
    expect(await refusal(openSyncRecord(key, '../etc', await sealSyncRecord(key, record), T0))).toBe('bad-id');
  });

  it('refuses well-sealed plaintexts that are not valid records', async () => {
    const body = JSON.parse(JSON.stringify({ format: 1, id: 'acc-1', fields: record.fields, usedCodes: [], deleted: null })) as {
      fields: Record<string, { value: unknown; clock?: unknown }>;
    };
    const sealAs = async (mutate: (b: typeof body) => void, id = 'acc-1') => {
      const copy = structuredClone(body);
      mutate(copy);
      const padded = new TextEncoder().encode(JSON.stringify(copy).padEnd(2048, ' '));
      return JSON.stringify(await sealWithKey(key, padded, syncRecordAad(id)));
    };
    const cases: [string, (b: typeof body) => void][] = [
      ['invalid-account', (b) => { (b.fields.otp!.value as { secret: string }).secret = 'not base32!'; }],
      ['invalid-account', (b) => { (b.fields.otp!.value as { digits: number }).digits = 12; }],
      ['invalid-account', (b) => { b.fields.issuer!.value = ' ACME '; }],
      ['malformed', (b) => { b.fields.origins!.value = ['javascript:alert(1)']; }],
      ['malformed', (b) => { b.fields.counter!.value = -1; }],
      ['malformed', (b) => { delete b.fields.notes; }],
      ['malformed', (b) => { b.fields.notes!.clock = { t: 'soon' }; }],
      ['future-clock', (b) => { b.fields.notes!.clock = at(T0 + MAX_CLOCK_AHEAD_MS + 1, 'dev-x'); }],
      ['wrong-record', (b) => { (b as unknown as { id: string }).id = 'acc-9'; }],
      ['unsupported-version', (b) => { (b as unknown as { format: number }).format = 2; }],
    ];
    for (const [code, mutate] of cases) expect(await refusal(openSyncRecord(key, 'acc-1', await sealAs(mutate), T0))).toBe(code);
    expect(await openSyncRecord(key, 'acc-1', await sealAs(() => undefined), T0)).toEqual({ ...record, usedCodes: [] });
  });

  it('seals a record with 0 or 10 recovery codes and a 1- or 60-character issuer to the same size', async () => {
    const acct = syncedAccount().account;
    const small = recordFromAccount('acc-1', syncedAccount({ account: { ...acct, issuer: 'A' } }), at(T0));
    const big = recordFromAccount('acc-1', syncedAccount({
      account: { ...acct, issuer: 'I'.repeat(60) },
      recoveryCodes: Array.from({ length: 10 }, (_, i) => ({ code: `abcd-efgh-${i}`, used: i % 2 === 0 })),
    }), at(T0));
    const sizes = [sealedBytes(await sealSyncRecord(key, small)), sealedBytes(await sealSyncRecord(key, big))];
    expect(sizes[0]).toBe(sizes[1]);
    expect((await sealSyncRecord(key, small)).length).toBe((await sealSyncRecord(key, big)).length);
  });
});

describe('sealed sync manifest', () => {
  const manifest: SyncManifest = {
    format: 1,
    devices: { 'dev-a': { name: 'Laptop', lastSyncAt: T0, clock: at(T0) }, 'dev-b': { name: 'Desk', lastSyncAt: T0 - 5, clock: at(T0 - 5, 'dev-b') } },
  };

  it('round-trips, and cannot be swapped with a record file either way', async () => {
    const text = await sealManifest(key, manifest);
    expect(text).not.toContain('Laptop');
    expect(await openManifest(key, text, T0)).toEqual(manifest);
    expect(await refusal(openManifest(key, await sealSyncRecord(key, record), T0))).toBe('wrong-record');
    expect(await refusal(openSyncRecord(key, 'manifest', text, T0))).toBe('wrong-record');
  });

  it('merges per device by the later entry, in either order', () => {
    const other: SyncManifest = {
      format: 1,
      devices: { 'dev-a': { name: 'Old laptop', lastSyncAt: T0 - 9, clock: at(T0 - 9) }, 'dev-c': { name: 'Phone', lastSyncAt: T0, clock: at(T0, 'dev-c') } },
    };
    const merged = mergeManifests(manifest, other);
    expect(merged).toEqual(mergeManifests(other, manifest));
    expect(Object.keys(merged.devices)).toEqual(['dev-a', 'dev-b', 'dev-c']);
    expect(merged.devices['dev-a']!.name).toBe('Laptop');
  });
});

// Sealed sync files: they open only as the record they were sealed for, untouched, and their size says nothing.
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes, bytesToBase64, deleteRecord, openWithKey, SYNC_PAD_BUCKET, editRecord, generateDataKey, MAX_CLOCK_AHEAD_MS, mergeManifests, openManifest,
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
    // The plaintext a real seal holds: { format, id, devices, fields: { name: [value, t, c, device index] }, usedCodes, deleted }.
    type Body = { id: string; format: number; devices: string[]; fields: Record<string, unknown[]>; deleted: unknown };
    const opened = await openWithKey(key, JSON.parse(await sealSyncRecord(key, record)), syncRecordAad('acc-1'));
    const body = JSON.parse(new TextDecoder().decode(opened)) as Body;
    const sealAs = async (mutate: (b: Body) => void) => {
      const copy = structuredClone(body);
      mutate(copy);
      const padded = new TextEncoder().encode(JSON.stringify(copy).padEnd(SYNC_PAD_BUCKET * 2, ' '));
      return JSON.stringify(await sealWithKey(key, padded, syncRecordAad('acc-1')));
    };
    const otp = (b: Body) => b.fields.otp![0] as { secret: string; digits: number };
    const cases: [string, (b: Body) => void][] = [
      ['invalid-account', (b) => { otp(b).secret = 'not base32!'; }],
      ['invalid-account', (b) => { otp(b).digits = 12; }],
      ['invalid-account', (b) => { b.fields.issuer![0] = ' ACME '; }],
      ['malformed', (b) => { b.fields.origins![0] = ['javascript:alert(1)']; }],
      ['malformed', (b) => { b.fields.counter![0] = -1; }],
      ['malformed', (b) => { delete b.fields.notes; }],
      ['malformed', (b) => { b.fields.notes![1] = 'soon'; }],
      ['malformed', (b) => { b.fields.notes![3] = 7; }],
      ['malformed', (b) => { b.devices[0] = '../x'; }],
      ['malformed', (b) => { b.deleted = { t: 1 }; }],
      ['future-clock', (b) => { b.fields.notes![1] = T0 + MAX_CLOCK_AHEAD_MS + 1; }],
      ['future-clock', (b) => { b.deleted = [T0 + MAX_CLOCK_AHEAD_MS + 1, 0, 0]; }],
      ['wrong-record', (b) => { b.id = 'acc-9'; }],
      ['unsupported-version', (b) => { b.format = 2; }],
    ];
    for (const [code, mutate] of cases) expect(await refusal(openSyncRecord(key, 'acc-1', await sealAs(mutate), T0))).toBe(code);
    expect(await openSyncRecord(key, 'acc-1', await sealAs(() => undefined), T0)).toEqual(record);
  });

  it('seals a record with 0 or 10 recovery codes and a 1- or 60-character issuer to the same size', async () => {
    const acct = syncedAccount().account;
    const small = recordFromAccount('acc-1', syncedAccount({ account: { ...acct, issuer: 'A' } }), at(T0));
    const codes = (n: number, used: number) => Array.from({ length: n }, (_, i) => ({ code: `abcd-efgh-ij${String(i).padStart(4, '0')}`, used: i < used }));
    const big = recordFromAccount('acc-1', syncedAccount({ account: { ...acct, issuer: 'I'.repeat(60) }, recoveryCodes: codes(10, 5) }), at(T0));
    // Heavier still: 16 codes all used, fields last edited on three devices with 32-character ids, then deleted.
    const device = (c: string) => ({ t: T0 + 1, c: 0, n: c.repeat(32) });
    const heavy = deleteRecord(editRecord(editRecord(
      recordFromAccount('acc-1', syncedAccount({ account: { ...acct, issuer: 'I'.repeat(60) }, recoveryCodes: codes(16, 16) }), device('a')),
      { notes: 'n' }, device('b')), { position: 4 }, device('c')), at(T0 + 2, 'd'.repeat(32)));
    const texts = await Promise.all([small, big, heavy].map((r) => sealSyncRecord(key, r)));
    expect(new Set(texts.map(sealedBytes)).size).toBe(1);
    expect(new Set(texts.map((t) => t.length)).size).toBe(1);
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

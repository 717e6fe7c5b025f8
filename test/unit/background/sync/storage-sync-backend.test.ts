// The browser-sync-storage backend against an in-memory storage that enforces Chrome's quotas and messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncBackendError, type SyncBackend } from '../../../../extension/background/sync/backend.ts';
import { createStorageSyncBackend, storageSyncCapacity } from '../../../../extension/background/sync/storage-sync-backend.ts';
import { STORAGE_SYNC_QUOTA } from '../../../../extension/background/sync/storage-sync-layout.ts';
import { generateDataKey, recordFromAccount, sealManifest, sealSyncRecord } from '../../../../src/shared/index.ts';
import { markOf } from '../../../../src/shared/sync/freshness.ts';
import { sha256Hex } from '../../../../src/shared/text-digest.ts';
import { FakeSyncStorage } from './fake-sync-storage.ts';

/** A file text like a sealed box, with characters JSON must escape, of about `size` characters. */
function fileText(seed: number, size = 1000): string {
  const body = Array.from({ length: size }, (_, i) => 'ABCdef0123+/='[(seed * 7 + i * 13) % 13]).join('');
  return JSON.stringify({ v: 1, iv: `iv-${seed}`, ct: body, note: 'quote " and é' });
}

async function writeAll(backend: SyncBackend, files: Record<string, string>): Promise<void> {
  const outcomes = await backend.write(Object.entries(files).map(([name, data]) => ({ name, data, ifMatch: null })));
  expect(outcomes.every((o) => o.ok)).toBe(true);
}

async function refusal(p: Promise<unknown>): Promise<SyncBackendError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SyncBackendError);
  return e as SyncBackendError;
}

/** How many items hold a piece of the named file. */
function homesOf(area: FakeSyncStorage, name: string): number {
  return [...area.items.values()].filter((json) => (JSON.parse(json) as { f?: unknown[][] }).f?.some((p) => p[0] === name)).length;
}

const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`r-${i}`, fileText(i, 600 + i * 20)]));

describe('browser sync storage backend', () => {
  it('round-trips 50 files and a file larger than an item, with content hashes as versions', async () => {
    const area = new FakeSyncStorage();
    const backend = createStorageSyncBackend(area);
    const big = fileText(99, 20_000);
    await writeAll(backend, { ...fifty, big });
    const listed = await backend.list();
    expect(listed.map((f) => f.name).sort()).toEqual([...Object.keys(fifty), 'big'].sort());
    for (const f of listed) expect(f.etag).toBe(await sha256Hex(f.name === 'big' ? big : fifty[f.name]!));
    const read = await backend.read([...Object.keys(fifty), 'big', 'never-written']);
    expect(Object.fromEntries(read.map((b) => [b.name, b.data]))).toEqual({ ...fifty, big });
    expect(area.sets).toHaveLength(1);
    for (const json of area.items.values()) expect(json.length).toBeLessThanOrEqual(STORAGE_SYNC_QUOTA.QUOTA_BYTES_PER_ITEM);
  });

  it('rewrites at most 2 items when one file changes, grows or is deleted, in one set and at most one remove', async () => {
    const area = new FakeSyncStorage();
    const backend = createStorageSyncBackend(area);
    await writeAll(backend, fifty);
    const etags = new Map((await backend.list()).map((f) => [f.name, f.etag]));
    const steps = [
      { name: 'r-17', data: fileText(1017, 600 + 17 * 20) },
      { name: 'r-30', data: fileText(1030, 3000) },
      { name: 'r-5', data: null },
    ];
    for (const step of steps) {
      const setsBefore = area.sets.length;
      const removesBefore = area.removes.length;
      const [outcome] = await backend.write([{ ...step, ifMatch: etags.get(step.name)! }]);
      expect(outcome?.ok).toBe(true);
      const written = [...area.sets.slice(setsBefore).flat(), ...area.removes.slice(removesBefore).flat()];
      expect(new Set(written).size).toBeLessThanOrEqual(2);
      expect(area.sets.length - setsBefore).toBeLessThanOrEqual(1);
      expect(area.removes.length - removesBefore).toBeLessThanOrEqual(1);
    }
    const read = Object.fromEntries((await backend.read(Object.keys(fifty))).map((b) => [b.name, b.data]));
    expect(read['r-17']).toBe(steps[0]!.data);
    expect(read['r-30']).toBe(steps[1]!.data);
    expect(read['r-5']).toBeUndefined();
    expect(read['r-6']).toBe(fifty['r-6']);
  });

  it('reports a conflict on a file changed since it was read, and still applies the other writes', async () => {
    const backend = createStorageSyncBackend(new FakeSyncStorage());
    await writeAll(backend, { a: fileText(1), b: fileText(2) });
    const etagA = (await backend.list()).find((f) => f.name === 'a')!.etag;
    await backend.write([{ name: 'a', data: fileText(10), ifMatch: etagA }]);
    const outcomes = await backend.write([
      { name: 'a', data: fileText(11), ifMatch: etagA },
      { name: 'b', data: null, ifMatch: 'stale' },
      { name: 'c', data: fileText(3), ifMatch: null },
      { name: 'a', data: fileText(12), ifMatch: null },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, true, false]);
    const read = Object.fromEntries((await backend.read(['a', 'b', 'c'])).map((f) => [f.name, f.data]));
    expect(read).toEqual({ a: fileText(10), b: fileText(2), c: fileText(3) });
  });

  it('says the vault outgrew the storage, how much it needs, and suggests WebDAV, writing nothing', async () => {
    const area = new FakeSyncStorage();
    const backend = createStorageSyncBackend(area);
    await writeAll(backend, fifty);
    const before = new Map(area.items);
    const more = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`more-${i}`, fileText(500 + i, 1000)]));
    const e = await refusal(backend.write(Object.entries(more).map(([name, data]) => ({ name, data, ifMatch: null }))));
    expect(e.code).toBe('quota');
    expect(e.message).toMatch(/needs \d+\.\d KB of the 100\.0 KB .*\(\d+\.\d KB used now\)/);
    expect(e.message).toContain('WebDAV');
    expect(area.items).toEqual(before);
    // A smaller change still fits afterwards.
    expect((await backend.write([{ name: 'one-more', data: fileText(7), ifMatch: null }]))[0]?.ok).toBe(true);
  });

  it('counts other extensions\' data in the same storage area against the quota', async () => {
    const area = new FakeSyncStorage();
    area.items.set('settings', JSON.stringify('x'.repeat(8000)));
    for (let i = 0; i < 11; i++) area.items.set(`other-${i}`, JSON.stringify('y'.repeat(8000)));
    const backend = createStorageSyncBackend(area);
    const e = await refusal(backend.write([{ name: 'a', data: fileText(1, 8000), ifMatch: null }]));
    expect(e.code).toBe('quota');
    expect(area.items.size).toBe(12);
  });

  it.each([
    ['QUOTA_BYTES', (area: FakeSyncStorage) => area.items.set('from-another-device', JSON.stringify('z'.repeat(8100))), 12],
    ['MAX_ITEMS', (area: FakeSyncStorage) => { for (let i = 0; i < 20; i++) area.items.set(`tiny-${i}`, '1'); }, 0],
  ])('maps the browser\'s own %s refusal (a write from elsewhere landed first) to quota, with nothing partial', async (_name, landFirst, fillers) => {
    const area = new FakeSyncStorage({ ...STORAGE_SYNC_QUOTA, MAX_ITEMS: 20 });
    for (let i = 0; i < fillers; i++) area.items.set(`filler-${i}`, JSON.stringify('f'.repeat(8100)));
    const backend = createStorageSyncBackend(area);
    area.beforeSet = () => landFirst(area);
    const e = await refusal(backend.write([{ name: 'a', data: fileText(1), ifMatch: null }]));
    expect(e.code).toBe('quota');
    expect(e.message).toMatch(/quota exceeded/);
    expect([...area.items.keys()].some((k) => k.startsWith('kfsync:'))).toBe(false);
  });

  it('maps the write-rate limit to busy (wait, not WebDAV) and succeeds once the minute has passed', async () => {
    const area = new FakeSyncStorage({ ...STORAGE_SYNC_QUOTA, MAX_WRITE_OPERATIONS_PER_MINUTE: 3 });
    const backend = createStorageSyncBackend(area);
    for (let i = 0; i < 3; i++) await writeAll(backend, { [`f${i}`]: fileText(i) });
    const before = new Map(area.items);
    const e = await refusal(backend.write([{ name: 'f3', data: fileText(3), ifMatch: null }]));
    expect(e.code).toBe('busy');
    expect(e.message).toContain('MAX_WRITE_OPERATIONS_PER_MINUTE');
    expect(area.items).toEqual(before);
    area.now += 60_001;
    await writeAll(backend, { f3: fileText(3) });
    expect((await backend.list()).map((f) => f.name).sort()).toEqual(['f0', 'f1', 'f2', 'f3']);
  });

  it('leaves an item of its own name that it cannot read untouched, and writes around it', async () => {
    const area = new FakeSyncStorage();
    area.items.set('kfsync:0', JSON.stringify({ format: 'from a newer Keyfob' }));
    const backend = createStorageSyncBackend(area);
    await writeAll(backend, { a: fileText(1), b: fileText(2) });
    expect(area.items.get('kfsync:0')).toBe(JSON.stringify({ format: 'from a newer Keyfob' }));
    expect((await backend.list()).map((f) => f.name).sort()).toEqual(['a', 'b']);
    expect((await refusal(backend.write([{ name: 'x'.repeat(300), data: 'd', ifMatch: null }]))).code).toBe('server');
  });

  it('maps any other storage failure to offline', async () => {
    const area = new FakeSyncStorage();
    area.get = () => Promise.reject(new Error('Extension context invalidated.'));
    expect((await refusal(createStorageSyncBackend(area).list())).code).toBe('offline');
  });

  it('lets two profiles see each other\'s files once browser sync has copied the items', async () => {
    const a = new FakeSyncStorage();
    const b = new FakeSyncStorage();
    const onA = createStorageSyncBackend(a);
    const onB = createStorageSyncBackend(b);
    await writeAll(onA, { x: fileText(1), y: fileText(2, 9000) });
    a.copyAllTo(b);
    expect(Object.fromEntries((await onB.read(['x', 'y'])).map((f) => [f.name, f.data]))).toEqual({ x: fileText(1), y: fileText(2, 9000) });
    const etagX = (await onB.list()).find((f) => f.name === 'x')!.etag;
    await onB.write([{ name: 'x', data: fileText(10), ifMatch: etagX }, { name: 'z', data: fileText(3), ifMatch: null }]);
    b.copyAllTo(a);
    expect(Object.fromEntries((await onA.read(['x', 'y', 'z'])).map((f) => [f.name, f.data]))).toEqual({
      x: fileText(10), y: fileText(2, 9000), z: fileText(3),
    });
  });

  it('hides a file whose pieces came from two versions (per-item last writer wins) until it is written again', async () => {
    const a = new FakeSyncStorage();
    const b = new FakeSyncStorage();
    await writeAll(createStorageSyncBackend(a), { big: fileText(1, 20_000), small: fileText(2) });
    a.copyAllTo(b);
    const etag = (await createStorageSyncBackend(a).list()).find((f) => f.name === 'big')!.etag;
    await createStorageSyncBackend(b).write([{ name: 'big', data: fileText(9, 20_000), ifMatch: etag }]);
    // Only one of B's rewritten items reaches A: A now holds pieces of both versions.
    const bigItems = [...b.items].filter(([, v]) => v.includes('"big"')).map(([k]) => k);
    b.copyItemsTo(a, bigItems.slice(0, 1));
    const onA = createStorageSyncBackend(a);
    expect((await onA.list()).map((f) => f.name)).toEqual(['small']);
    await onA.write([{ name: 'big', data: fileText(5, 20_000), ifMatch: null }]);
    expect((await onA.read(['big']))[0]?.data).toBe(fileText(5, 20_000));
  });
});

describe('browser sync storage packing (property)', () => {
  it('reads back exactly what random single-file writes and deletes left, touching at most 2 items each time', async () => {
    const step = fc.record({ name: fc.constantFrom('manifest', 'r-a', 'r-b', 'r-c', 'r-d', 'r-e'), size: fc.option(fc.constantFrom(10, 700, 2_200, 7_000, 17_000), { nil: null }), seed: fc.nat(50) });
    await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
      const area = new FakeSyncStorage();
      const backend = createStorageSyncBackend(area);
      const model = new Map<string, string>();
      for (const { name, size, seed } of steps) {
        const data = size === null ? null : fileText(seed, size);
        const etag = model.has(name) ? await sha256Hex(model.get(name)!) : null;
        const [setsBefore, removesBefore] = [area.sets.length, area.removes.length];
        const homesBefore = homesOf(area, name);
        const [outcome] = await backend.write([{ name, data, ifMatch: etag }]);
        expect(outcome?.ok).toBe(true);
        if (data === null) model.delete(name);
        else model.set(name, data);
        const touched = new Set([...area.sets.slice(setsBefore).flat(), ...area.removes.slice(removesBefore).flat()]);
        // The items that held the file, or that hold it now, and at most one more: O(1) whatever else is stored.
        expect(touched.size).toBeLessThanOrEqual(Math.max(homesBefore, homesOf(area, name)) + 1);
        if (size !== null && size <= 2_200 && homesBefore <= 1) expect(touched.size).toBeLessThanOrEqual(2);
        expect(area.sets.length - setsBefore).toBeLessThanOrEqual(1);
        expect(area.removes.length - removesBefore).toBeLessThanOrEqual(1);
      }
      const read = await backend.read([...model.keys()]);
      expect(new Map(read.map((b) => [b.name, b.data]))).toEqual(model);
      expect((await backend.list()).map((f) => f.name).sort()).toEqual([...model.keys()].sort());
    }), { numRuns: 60 });
  });
});

/** A typical account (docs/sync.md's figures), sealed, and the capacity next to a manifest listing that many marks. */
async function capacityOf(icon?: { kind: 'site'; data: string }): Promise<{ capacity: number; text: string; manifest: string }> {
  const key = await generateDataKey();
  const typical = recordFromAccount('0d1c2b3a-4f5e-4d7c-8b9a-0f1e2d3c4b5a', {
    account: { type: 'totp', issuer: 'Example Corp', account: 'alice.longname@example.com', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    origins: ['https://example.com', 'https://login.example.com'],
    notes: '',
    recoveryCodes: Array.from({ length: 8 }, (_, i) => ({ code: `k3x9-${i}f2a-77qp`, used: false })),
    createdAt: 1_800_000_000_000,
    position: 0,
    groups: [],
    favourite: false,
    ...(icon ? { icon } : {}),
  }, { t: 1_800_000_000_000, c: 0, n: '5f0c3e7a9b1d4c2e8f6a0b3c5d7e9f1a' });
  const text = await sealSyncRecord(key, typical);
  // The manifest lists a mark per record (src/shared/sync/freshness.ts): as many as the records that fit.
  const records = Object.fromEntries(Array.from({ length: 44 }, (_, i) => [`0d1c2b3a-4f5e-4d7c-8b9a-${String(i).padStart(12, '0')}`, markOf(typical)]));
  const manifest = await sealManifest(key, {
    format: 1, epoch: 1_000, records, devices: { '5f0c3e7a9b1d4c2e8f6a0b3c5d7e9f1a': { name: 'Laptop', lastSyncAt: 0, clock: { t: 0, c: 0, n: '5f0c3e7a9b1d4c2e8f6a0b3c5d7e9f1a' } } },
  });
  return { capacity: storageSyncCapacity(text, { manifest }), text, manifest };
}

/** A 32×32 site icon as the scan stores it: a PNG data URL of `bytes` (a real favicon is about 0.3 to 2 KB). */
function siteIcon(bytes: number): { kind: 'site'; data: string } {
  const png = new Uint8Array(bytes);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 32, 0, 0, 0, 32, 8, 6, 0, 0, 0]);
  for (let i = 29; i < bytes; i++) png[i] = (i * 131 + 7) % 251;
  return { kind: 'site', data: `data:image/png;base64,${Buffer.from(png).toString('base64')}` };
}

describe('browser sync storage capacity', () => {
  it('holds this many typical accounts next to the manifest, as the backend really packs them', async () => {
    const { capacity, text, manifest } = await capacityOf();
    // docs/sync.md quotes this figure (44 before the manifest carried marks).
    expect(capacity).toBe(43);

    // The real backend agrees: that many records fit, one more does not.
    const area = new FakeSyncStorage();
    const backend = createStorageSyncBackend(area);
    await writeAll(backend, { manifest });
    for (let i = 0; i < capacity; i++) await writeAll(backend, { [`r-0d1c2b3a-4f5e-4d7c-8b9a-${String(i).padStart(12, '0')}`]: text });
    expect((await refusal(backend.write([{ name: 'record-x', data: text, ifMatch: null }]))).code).toBe('quota');
  });

  it('holds fewer when every account carries its site icon: docs/sync.md quotes both figures', async () => {
    // docs/sync.md quotes these: 22 with a 1 KB site icon each, 15 with 2 KB (sealed, padded, base64 in an item).
    expect((await capacityOf(siteIcon(1024))).capacity).toBe(22);
    expect((await capacityOf(siteIcon(2048))).capacity).toBe(15);
  });
});

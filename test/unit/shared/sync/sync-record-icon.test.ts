// An account's icon syncs as one field: two browsers converge on it, and files from before icons open as automatic.
import { describe, expect, it } from 'vitest';
import {
  accountOfRecord, editRecord, generateDataKey, mergeStates, openSyncRecord, openWithKey, recordFromAccount, sealSyncRecord, sealWithKey,
  SYNC_PAD_BUCKET, SyncError, syncRecordAad, type SyncRecord,
} from '../../../../src/shared/index.ts';
import { pngDataUrl } from '../icon-fixtures.ts';
import { at, syncedAccount, T0 } from './sync-fixtures.ts';

const key = await generateDataKey();
const base = recordFromAccount('acc-1', syncedAccount(), at(T0));
const siteIcon = { kind: 'site' as const, data: pngDataUrl(32, 32) };

type Body = { id: string; fields: Record<string, unknown[]> } & Record<string, unknown>;

async function bodyOf(record: SyncRecord): Promise<Body> {
  const opened = await openWithKey(key, JSON.parse(await sealSyncRecord(key, record)), syncRecordAad(record.id));
  return JSON.parse(new TextDecoder().decode(opened)) as Body;
}

async function sealBody(body: Body): Promise<string> {
  const json = JSON.stringify(body);
  const padded = new TextEncoder().encode(json.padEnd(Math.ceil((json.length + 1) / SYNC_PAD_BUCKET) * SYNC_PAD_BUCKET, ' '));
  return JSON.stringify(await sealWithKey(key, padded, syncRecordAad(body.id)));
}

describe('the icon in a sync record', () => {
  it('round-trips a site icon through a sealed file, never in the clear', async () => {
    const record = recordFromAccount('acc-1', syncedAccount({ icon: siteIcon }), at(T0));
    const text = await sealSyncRecord(key, record);
    expect(text).not.toContain(siteIcon.data.slice(22, 60));
    const opened = await openSyncRecord(key, 'acc-1', text, T0);
    expect(opened).toEqual(record);
    expect(accountOfRecord(opened)!.icon).toEqual(siteIcon);
  });

  it('brings an icon chosen in one browser to the other, and keeps a concurrent star made there', () => {
    const inA = { x: editRecord(base, { icon: { kind: 'brand', slug: 'github' } }, at(T0 + 5, 'dev-a')) };
    const inB = { x: editRecord(base, { favourite: true }, at(T0 + 7, 'dev-b')) };
    for (const merged of [mergeStates(inA, inB), mergeStates(inB, inA)]) {
      expect(accountOfRecord(merged.x!)).toMatchObject({ favourite: true, icon: { kind: 'brand', slug: 'github' } });
    }
  });

  it('settles an icon change against a later clear by the clear, whichever side the merge starts from', () => {
    const withIcon = editRecord(base, { icon: siteIcon }, at(T0 + 1, 'dev-a'));
    const cleared = editRecord(withIcon, { icon: { kind: 'none' } }, at(T0 + 4, 'dev-b'));
    const automatic = editRecord(withIcon, { icon: null }, at(T0 + 3, 'dev-a'));
    for (const merged of [mergeStates({ x: cleared }, { x: automatic }), mergeStates({ x: automatic }, { x: cleared })]) {
      expect(accountOfRecord(merged.x!)!.icon).toEqual({ kind: 'none' });
    }
  });

  it('leaves the icon clock alone when an edit does not name the icon', () => {
    const withIcon = editRecord(base, { icon: siteIcon }, at(T0 + 1));
    const renamed = editRecord(withIcon, { notes: 'n' }, at(T0 + 2));
    expect(renamed.fields.icon).toEqual({ value: siteIcon, clock: at(T0 + 1) });
  });
});

describe('sealed files written before icons', () => {
  it('open as automatic, stamped with the creation clock, and lose to an icon set since', async () => {
    const body = await bodyOf(editRecord(base, { notes: 'older app' }, at(T0 + 8, 'dev-b')));
    delete body.fields.icon;
    const older = await openSyncRecord(key, 'acc-1', await sealBody(body), T0);
    expect(older.fields.icon).toEqual({ value: null, clock: older.fields.createdAt.clock });
    const chosen = editRecord(base, { icon: siteIcon }, at(T0 + 2, 'dev-a'));
    for (const merged of [mergeStates({ x: chosen }, { x: older }), mergeStates({ x: older }, { x: chosen })]) {
      expect(accountOfRecord(merged.x!)).toMatchObject({ icon: siteIcon, notes: 'older app' });
    }
  });
});

describe('hostile icons in a sync file', () => {
  it('are refused as malformed: an SVG, a URL, a big image, an unknown kind, extra keys', async () => {
    const body = await bodyOf(base);
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`;
    for (const value of [{ kind: 'site', data: svg }, { kind: 'site', data: 'https://evil.example/x.png' },
      { kind: 'site', data: pngDataUrl(128, 128) }, { kind: 'url' }, { kind: 'none', track: 'me' }, 'github']) {
      const copy = structuredClone(body);
      copy.fields.icon![0] = value;
      const e = await openSyncRecord(key, 'acc-1', await sealBody(copy), T0).then(() => null, (err: unknown) => err);
      expect(e).toBeInstanceOf(SyncError);
      expect((e as SyncError).code).toBe('malformed');
    }
  });
});

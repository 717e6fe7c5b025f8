// The icons an Aegis vault carries: kept raw (and bounded) by the parser, written back by Keyfob's Aegis export.
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_AEGIS_ICON_CHARS } from '../../../../src/shared/import/aegis.ts';
import { aegisIconFields, formatAegisExport } from '../../../../src/shared/import/aegis-export.ts';
import { importBytes } from './helpers.ts';
import { makeAccounts } from './writers/accounts.ts';
import { aegisDb, writeAegisDb } from './writers/aegis.ts';
import { solidPng } from './writers/png.ts';

const PNG_BASE64 = solidPng(48, 48, [200, 30, 30, 255]).toString('base64');
const SVG_BASE64 = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');

/** A plain vault of one entry per icon description, each entry's icon fields replaced by `fields`. */
async function readIcons(fields: Record<string, unknown>[]) {
  const db = aegisDb(makeAccounts(fields.length)) as { entries: Record<string, unknown>[] };
  db.entries.forEach((e, i) => Object.assign(e, fields[i]));
  const result = await importBytes(writeAegisDb(db));
  expect(result.accounts).toHaveLength(fields.length);
  return result.accounts.map((a) => a.icon ?? null);
}

/** Aegis's icon_hash, written out with node:crypto: SHA-256 of the MIME type's bytes, then the image's. */
function aegisHash(mime: string, bytes: Buffer): string {
  return createHash('sha256').update(mime, 'utf8').update(bytes).digest('hex');
}

describe('Aegis icons on import', () => {
  it('keeps a PNG, JPEG or SVG icon as the file holds it, and reads an icon without icon_mime as a JPEG, as Aegis does', async () => {
    expect(await readIcons([
      { icon: PNG_BASE64, icon_mime: 'image/png', icon_hash: 'ab' },
      { icon: PNG_BASE64, icon_mime: 'image/jpeg' },
      { icon: SVG_BASE64, icon_mime: 'image/svg+xml' },
      { icon: PNG_BASE64 },
      { icon: null, icon_mime: null, icon_hash: null },
    ])).toEqual([
      { mime: 'image/png', base64: PNG_BASE64 },
      { mime: 'image/jpeg', base64: PNG_BASE64 },
      { mime: 'image/svg+xml', base64: SVG_BASE64 },
      { mime: 'image/jpeg', base64: PNG_BASE64 },
      null,
    ]);
  });

  it('drops an icon of an unknown type, not base64, not text, or over the size bound, and still imports every entry', async () => {
    const tooBig = 'A'.repeat(MAX_AEGIS_ICON_CHARS + 4);
    expect(await readIcons([
      { icon: PNG_BASE64, icon_mime: 'image/gif' },
      { icon: 'not base64 at all!', icon_mime: 'image/png' },
      { icon: `${PNG_BASE64}A`, icon_mime: 'image/png' },
      { icon: 42, icon_mime: 'image/png' },
      { icon: tooBig, icon_mime: 'image/png' },
      { icon: 'A'.repeat(MAX_AEGIS_ICON_CHARS), icon_mime: 'image/png' },
    ])).toEqual([null, null, null, null, null, { mime: 'image/png', base64: 'A'.repeat(MAX_AEGIS_ICON_CHARS) }]);
  });

  it('gives no icon to an entry that is skipped, and the next entry keeps its own', async () => {
    const db = aegisDb(makeAccounts(2)) as { entries: Record<string, unknown>[] };
    db.entries.unshift({ type: 'motp', name: 'old', issuer: 'Old', icon: SVG_BASE64, icon_mime: 'image/svg+xml', info: { secret: 'JBSWY3DP' } });
    Object.assign(db.entries[2]!, { icon: PNG_BASE64, icon_mime: 'image/png' });
    const result = await importBytes(writeAegisDb(db));
    expect(result.skipped).toHaveLength(1);
    expect(result.accounts.map((a) => a.icon ?? null)).toEqual([null, { mime: 'image/png', base64: PNG_BASE64 }]);
  });
});

describe('Aegis icons on export', () => {
  it('writes a PNG site icon as Aegis stores one: base64 bytes, image/png and Aegis\'s hash of type and bytes', () => {
    const fields = aegisIconFields({ kind: 'site', data: `data:image/png;base64,${PNG_BASE64}` });
    expect(fields).toEqual({ icon: PNG_BASE64, icon_mime: 'image/png', icon_hash: aegisHash('image/png', Buffer.from(PNG_BASE64, 'base64')) });
    expect(fields.icon_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes no icon for a brand, a cleared icon (even with a site icon kept aside), a WebP or no icon at all', () => {
    const none = { icon: null, icon_mime: null, icon_hash: null };
    const site = `data:image/png;base64,${PNG_BASE64}`;
    expect(aegisIconFields({ kind: 'brand', slug: 'github', site })).toEqual(none);
    expect(aegisIconFields({ kind: 'none', site })).toEqual(none);
    expect(aegisIconFields({ kind: 'site', data: 'data:image/webp;base64,UklGRg==' })).toEqual(none);
    expect(aegisIconFields(undefined)).toEqual(none);
  });

  it('round trip: a site icon exported to Aegis reads back as the same PNG bytes, beside an account without one', async () => {
    const [a, b] = makeAccounts(2);
    const file = formatAegisExport([
      { account: a!, notes: '', groups: [], favourite: false, icon: { kind: 'site', data: `data:image/png;base64,${PNG_BASE64}` } },
      { account: b!, notes: '', groups: [], favourite: false },
    ], randomUUID);
    const result = await importBytes(file);
    expect(result.accounts.map((x) => x.icon ?? null)).toEqual([{ mime: 'image/png', base64: PNG_BASE64 }, null]);
  });
});

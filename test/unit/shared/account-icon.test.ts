// What passes as an account icon: small PNG or WebP data URLs, brand slugs and "none"; never SVG, URLs or big images.
import { describe, expect, it } from 'vitest';
import { checkAccountIcon, isSmallImageDataUrl, MAX_ICON_BYTES, siteIconOf } from '../../../src/shared/index.ts';
import { pngBytes, pngDataUrl } from './icon-fixtures.ts';

/** A lossless WebP header of the given size (VP8L: 14-bit width-1 and height-1 after the 0x2f signature byte). */
function webpDataUrl(width: number, height: number): string {
  const b = Buffer.alloc(40);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(32, 4);
  b.write('WEBP', 8, 'ascii');
  b.write('VP8L', 12, 'ascii');
  b.writeUInt32LE(20, 16);
  b[20] = 0x2f;
  b.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 21);
  return `data:image/webp;base64,${b.toString('base64')}`;
}

describe('checkAccountIcon', () => {
  it('accepts a 32×32 PNG, a lossless WebP, a brand slug and none, in normal form', () => {
    const png = pngDataUrl(32, 32);
    expect(checkAccountIcon({ kind: 'site', data: png })).toEqual({ kind: 'site', data: png });
    expect(checkAccountIcon({ kind: 'site', data: webpDataUrl(48, 48) })).toEqual({ kind: 'site', data: webpDataUrl(48, 48) });
    expect(checkAccountIcon({ kind: 'brand', slug: 'github', extra: 1 })).toEqual({ kind: 'brand', slug: 'github' });
    expect(checkAccountIcon({ kind: 'none', data: 'x' })).toEqual({ kind: 'none' });
  });

  it('refuses an SVG, a URL, a JPEG and text that only claims to be a PNG', () => {
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg onload="alert(1)"/>').toString('base64')}`;
    for (const data of [svg, 'https://icons.example/github.png', `data:image/jpeg;base64,${pngBytes(16, 16).toString('base64')}`,
      `data:image/png;base64,${Buffer.from('not a png at all, just some words').toString('base64')}`, 'data:image/png,rawbytes']) {
      expect(checkAccountIcon({ kind: 'site', data })).toBeNull();
    }
  });

  it('refuses images wider or taller than 64 pixels, even when small in bytes', () => {
    expect(isSmallImageDataUrl(pngDataUrl(64, 64))).toBe(true);
    expect(isSmallImageDataUrl(pngDataUrl(65, 16))).toBe(false);
    expect(isSmallImageDataUrl(pngDataUrl(16, 4000))).toBe(false);
    expect(isSmallImageDataUrl(webpDataUrl(200, 20))).toBe(false);
  });

  it('refuses an icon over 8 KiB once decoded', () => {
    const big = pngBytes(60, 60, true);
    expect(big.length).toBeGreaterThan(MAX_ICON_BYTES);
    expect(isSmallImageDataUrl(`data:image/png;base64,${big.toString('base64')}`)).toBe(false);
    expect(isSmallImageDataUrl(`${pngDataUrl(32, 32)}${'A'.repeat(20_000)}`)).toBe(false);
  });

  it('keeps a captured favicon aside under a brand or none, and refuses one that fails the same checks', () => {
    const png = pngDataUrl(32, 32);
    expect(checkAccountIcon({ kind: 'brand', slug: 'github', site: png })).toEqual({ kind: 'brand', slug: 'github', site: png });
    expect(checkAccountIcon({ kind: 'none', site: png })).toEqual({ kind: 'none', site: png });
    expect(siteIconOf({ kind: 'none', site: png })).toBe(png);
    expect(siteIconOf({ kind: 'brand', slug: 'github' })).toBeNull();
    expect(checkAccountIcon({ kind: 'none', site: 'https://x.example/f.png' })).toBeNull();
    expect(checkAccountIcon({ kind: 'brand', slug: 'github', site: pngDataUrl(128, 128) })).toBeNull();
  });

  it('refuses brand slugs that are not short lowercase names, and unknown kinds', () => {
    for (const raw of [{ kind: 'brand', slug: 'GitHub' }, { kind: 'brand', slug: '../x' }, { kind: 'brand', slug: 'a'.repeat(65) },
      { kind: 'brand' }, { kind: 'url', data: 'https://x.example' }, null, 'github', ['none']]) {
      expect(checkAccountIcon(raw)).toBeNull();
    }
  });
});

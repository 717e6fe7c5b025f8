// The icon build: one SVG source rendered to every PNG the manifest and the toolbar ask for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { composeLockedSvg, renderIcons, type RenderedIcon } from '../../../scripts/build/icons.ts';
import { toolbarIconPaths } from '../../../extension/background/toolbar-icons.ts';

const root = join(import.meta.dirname, '../../..');
const icons = renderIcons(root);
const byName = new Map(icons.map((i) => [i.fileName, i]));

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}

function decode(icon: RenderedIcon): PNG {
  return PNG.sync.read(icon.png);
}

describe('renderIcons', () => {
  it('renders the mark at 16, 32, 48 and 128 px and the locked mark at the toolbar sizes 16 and 32', () => {
    expect(icons.map((i) => `${i.state}@${i.size}`)).toEqual(
      ['unlocked@16', 'unlocked@32', 'unlocked@48', 'unlocked@128', 'locked@16', 'locked@32']);
    for (const icon of icons) {
      const png = decode(icon);
      expect([png.width, png.height]).toEqual([icon.size, icon.size]);
    }
  });

  it('draws a visible mark at every size: transparent corners, an opaque plate, and the white key on it', () => {
    for (const icon of icons) {
      const png = decode(icon);
      expect(pixel(png, 0, 0)[3]).toBe(0);
      let opaque = 0;
      let white = 0;
      for (let y = 0; y < png.height; y += 1) {
        for (let x = 0; x < png.width; x += 1) {
          const [r, g, b, a] = pixel(png, x, y);
          if (a === 255) opaque += 1;
          if (a === 255 && r > 235 && g > 235 && b > 235) white += 1;
        }
      }
      const area = png.width * png.height;
      expect(opaque / area, icon.fileName).toBeGreaterThan(0.6);
      // The key is a real share of the plate, not a speck lost at 16 px.
      expect(white / area, icon.fileName).toBeGreaterThan(0.08);
    }
  });

  it('tells the locked toolbar icon from the unlocked one by its corner, at both toolbar sizes', () => {
    for (const size of [16, 32]) {
      const open = decode(byName.get(`icons/keyfob-${size}.png`)!);
      const locked = decode(byName.get(`icons/keyfob-locked-${size}.png`)!);
      const corner = Math.round(size * 0.75);
      const [r, g, b] = pixel(locked, corner, corner);
      expect([r, g, b]).not.toEqual(pixel(open, corner, corner).slice(0, 3));
      // The left half (the key's bow) is the same mark in both states.
      expect(pixel(locked, Math.round(size * 0.3), Math.round(size * 0.5))).toEqual(pixel(open, Math.round(size * 0.3), Math.round(size * 0.5)));
    }
  });

  it('gives the same bytes for the same source, so packages built twice are identical', () => {
    expect(renderIcons(root).map((i) => i.png)).toEqual(icons.map((i) => i.png));
  });

  it('renders every file the manifest names as icons and default toolbar icon, and every path the worker sets', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
      icons: Record<string, string>; action: { default_icon: Record<string, string> };
    };
    const named = [
      ...Object.entries(manifest.icons), ...Object.entries(manifest.action.default_icon),
      ...Object.entries(toolbarIconPaths('locked')), ...Object.entries(toolbarIconPaths('unlocked')),
    ];
    for (const [size, path] of named) {
      const icon = byName.get(path.replace(/^\//, ''));
      expect(icon, path).toBeDefined();
      expect(icon!.size).toBe(Number(size));
    }
  });
});

describe('composeLockedSvg', () => {
  it('puts the overlay drawing last inside the base, without a second <svg> or title', () => {
    const out = composeLockedSvg('<svg a="1"><title>K</title><rect/></svg>\n', '<svg b="2"><title>locked</title><circle/></svg>\n');
    expect(out).toBe('<svg a="1"><title>K</title><rect/><circle/></svg>\n');
  });

  it('refuses a source that is not one <svg> element', () => {
    expect(() => composeLockedSvg('<g/>', '<svg><circle/></svg>')).toThrow(/one <svg> element/);
  });
});

// Renders the icon from its one SVG source (assets/icon.svg, and with assets/lock-overlay.svg drawn over it for the
// locked toolbar state) to the PNG sizes the stores and toolbars need, and emits them into the build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Plugin } from 'vite';
import { ICON_SIZES, TOOLBAR_SIZES, iconPath, type IconState } from '../../extension/background/toolbar-icons.ts';

export interface RenderedIcon {
  fileName: string;
  state: IconState;
  size: number;
  png: Buffer;
}

/** The overlay's drawing (everything inside its <svg>, less its <title>) placed last inside the base, so it is on top. */
export function composeLockedSvg(baseSvg: string, overlaySvg: string): string {
  const inner = /<svg\b[^>]*>([\s\S]*)<\/svg>\s*$/.exec(overlaySvg.trim())?.[1];
  const end = baseSvg.lastIndexOf('</svg>');
  if (inner === undefined || end < 0) throw new Error('icon SVGs must each be one <svg> element');
  const drawing = inner.replace(/<title>[\s\S]*?<\/title>/, '');
  return `${baseSvg.slice(0, end)}${drawing}</svg>\n`;
}

function renderSvg(svg: string, size: number): Buffer {
  // System fonts are never loaded: the icon has no text, and the output must not depend on the machine.
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

/** Every PNG the extension ships: the mark at the store sizes, and the locked variant at the toolbar sizes. */
export function renderIcons(root: string): RenderedIcon[] {
  const base = readFileSync(join(root, 'assets/icon.svg'), 'utf8');
  const locked = composeLockedSvg(base, readFileSync(join(root, 'assets/lock-overlay.svg'), 'utf8'));
  return [
    ...ICON_SIZES.map((size) => ({ state: 'unlocked' as const, size, svg: base })),
    ...TOOLBAR_SIZES.map((size) => ({ state: 'locked' as const, size, svg: locked })),
  ].map(({ state, size, svg }) => ({ fileName: iconPath(state, size), state, size, png: renderSvg(svg, size) }));
}

/**
 * Emits the PNGs at the start of the build, so they are in the bundle before crxjs looks for the files the manifest
 * names (it then takes them from the bundle instead of asking for them on disk).
 */
export function keyfobIcons(): Plugin {
  let root = process.cwd();
  return {
    name: 'keyfob:icons',
    apply: 'build',
    configResolved(config) { root = config.root; },
    buildStart() {
      for (const icon of renderIcons(root)) this.emitFile({ type: 'asset', fileName: icon.fileName, source: icon.png });
    },
  };
}

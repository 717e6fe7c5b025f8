// Real, tiny PNG images as data URLs for the icon tests: written by pngjs, so every chunk and checksum is genuine.
import { randomBytes } from 'node:crypto';
import { PNG } from 'pngjs';

/** A width×height RGBA PNG; `noise` fills it with incompressible pixels so its size grows with its area. */
export function pngBytes(width: number, height: number, noise = false): Buffer {
  const png = new PNG({ width, height });
  const random = randomBytes(png.data.length);
  for (let i = 0; i < png.data.length; i++) png.data[i] = noise ? random[i]! : (i % 4 === 3 ? 255 : 40 * (i % 4));
  return PNG.sync.write(png);
}

export function pngDataUrl(width: number, height: number, noise = false): string {
  return `data:image/png;base64,${pngBytes(width, height, noise).toString('base64')}`;
}

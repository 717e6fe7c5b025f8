// Small real PNG files for icon tests, written with pngjs (independent of the browser's encoder Keyfob uses).
import { PNG } from 'pngjs';

/** A width × height PNG filled with one colour, as bytes. */
export function solidPng(width: number, height: number, rgba: readonly [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set(rgba, i * 4);
  return PNG.sync.write(png);
}

// Real, tiny PNG images as data URLs for the icon tests: built with zlib so every chunk and checksum is genuine.
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A width×height RGBA PNG; `noise` fills it with incompressible pixels so its size grows with its area. */
export function pngBytes(width: number, height: number, noise = false): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 4));
  const random = randomBytes(raw.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width * 4; x++) {
      const at = y * (1 + width * 4) + 1 + x;
      raw[at] = noise ? random[at]! : (x % 4 === 3 ? 255 : 40 * (x % 4));
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export function pngDataUrl(width: number, height: number, noise = false): string {
  return `data:image/png;base64,${pngBytes(width, height, noise).toString('base64')}`;
}

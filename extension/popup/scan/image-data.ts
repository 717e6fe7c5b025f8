// Turns captures, files and page elements into RGBA pixels the QR decoder can read.
import { t } from '../../i18n.ts';

export interface Pixels { data: Uint8ClampedArray; width: number; height: number }

export interface Crop { x: number; y: number; width: number; height: number }

/** Small codes decode far better once blown up with hard edges; big photos are shrunk to bound the work. */
const MIN_SIDE = 480;
const MAX_SIDE = 3000;

export async function decodeImageSource(source: Blob | string): Promise<ImageBitmap> {
  if (typeof source !== 'string') return createImageBitmap(source);
  if (source.startsWith('data:image/svg')) {
    // createImageBitmap refuses SVG blobs; an <img> renders them.
    const img = new Image();
    img.src = source;
    await img.decode();
    return createImageBitmap(img);
  }
  const blob = await (await fetch(source)).blob();
  return createImageBitmap(blob);
}

/** Draws the whole bitmap, or one region of it, on white with a quiet zone, scaled into a decodable size. */
export function pixelsOf(bitmap: ImageBitmap, crop?: Crop, opts: { pad?: boolean } = {}): Pixels {
  const src = crop ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
  const side = Math.max(src.width, src.height);
  let scale = 1;
  if (side < MIN_SIDE) scale = Math.ceil(MIN_SIDE / side);
  else if (side > MAX_SIDE) scale = MAX_SIDE / side;
  const pad = opts.pad ? Math.round(Math.max(src.width, src.height) * scale * 0.1) : 0;
  const width = Math.max(1, Math.round(src.width * scale) + 2 * pad);
  const height = Math.max(1, Math.round(src.height * scale) + 2 * pad);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error(t('noImagePixels'));
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = scale < 1;
  ctx.drawImage(bitmap, src.x, src.y, src.width, src.height, pad, pad, width - 2 * pad, height - 2 * pad);
  const image = ctx.getImageData(0, 0, width, height);
  return { data: image.data, width, height };
}

// Turns the icons an export file carries (Aegis) into site icons the vault accepts: redrawn at 32 px as a PNG, or none.
import { isSmallImageDataUrl, SITE_ICON_SIZE } from '../../src/shared/account-icon.ts';
import type { ImportedAccount } from '../../src/shared/import/index.ts';
import type { ImportedIcon } from '../../src/shared/import/types.ts';

/** Each account's converted icon by position: a PNG data URL, or null for none (the automatic brand or letter). */
export type ConvertedIcons = (string | null)[];

/** Whether this scope (the worker, else the page) can decode and redraw an image without a document. */
export function canConvertIcons(): boolean {
  return typeof OffscreenCanvas === 'function' && typeof createImageBitmap === 'function';
}

/** One after another: a file of hundreds of icons must not decode them all at once on a small machine. */
export async function convertIcons(accounts: readonly ImportedAccount[]): Promise<ConvertedIcons> {
  const out: ConvertedIcons = [];
  for (const a of accounts) out.push(a.icon ? await convertIcon(a.icon) : null);
  return out;
}

/**
 * The icon redrawn centred on a transparent SITE_ICON_SIZE square, its aspect kept, as a PNG data URL; null when it is
 * SVG (a document with scripts, never decoded here and never stored), cannot be decoded, or is still too big.
 * Only the file's own bytes are decoded: nothing is fetched.
 */
export async function convertIcon(icon: ImportedIcon): Promise<string | null> {
  if (icon.mime === 'image/svg+xml') return null;
  try {
    const bitmap = await createImageBitmap(new Blob([base64Bytes(icon.base64)], { type: icon.mime }));
    const canvas = new OffscreenCanvas(SITE_ICON_SIZE, SITE_ICON_SIZE);
    const context = canvas.getContext('2d');
    if (!context || bitmap.width === 0 || bitmap.height === 0) { bitmap.close(); return null; }
    const scale = SITE_ICON_SIZE / Math.max(bitmap.width, bitmap.height);
    const width = bitmap.width * scale;
    const height = bitmap.height * scale;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, (SITE_ICON_SIZE - width) / 2, (SITE_ICON_SIZE - height) / 2, width, height);
    bitmap.close();
    const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    const url = `data:image/png;base64,${bytesBase64(png)}`;
    // The background checks it again; checking here drops an icon rather than a whole batch of accounts.
    return isSmallImageDataUrl(url) ? url : null;
  } catch {
    // Corrupt or unsupported image data: the account is imported without it.
    return null;
  }
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function bytesBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

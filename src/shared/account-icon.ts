// An account's chosen icon (issue 24) and its one check: what the vault, sync and backups accept as an icon.
//
// Absent means automatic: a bundled brand matched by issuer, else the letter avatar. 'site' is the bound site's own
// favicon, captured once by the popup from the page itself and stored as a tiny PNG or WebP data URL; 'brand' names
// one of the bundled brand icons by slug; 'none' is the user's "Clear icon": the letter avatar even when a brand
// would match. A site icon is data a web page chose, so it is refused unless it is a small, well-formed raster image:
// never SVG (script), never a URL (Keyfob never fetches an icon from a third party).

export type AccountIcon =
  | { kind: 'site'; data: string }
  /** `site`: a captured favicon kept while another choice is shown, so "Use site icon" can bring it back. */
  | { kind: 'brand'; slug: string; site?: string }
  | { kind: 'none'; site?: string };

/** Decoded bytes of a site icon at most: a 32×32 PNG is 1–4 KiB, so this leaves room and keeps sync files small. */
export const MAX_ICON_BYTES = 8 * 1024;
/** Width and height of a site icon at most, in pixels (the popup captures at SITE_ICON_SIZE). */
export const MAX_ICON_PIXELS = 64;
/** The size the popup draws a captured favicon at: sharper than the row's 24 px avatar, and small enough to sync. */
export const SITE_ICON_SIZE = 32;

const BRAND_SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const DATA_URL = /^data:image\/(png|webp);base64,([A-Za-z0-9+/]+={0,2})$/;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The icon in normal form (only its own keys), or null when it is not one: a request carrying it is refused, a
 * stored or synced record carrying it is read as automatic.
 */
export function checkAccountIcon(raw: unknown): AccountIcon | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  if (o.kind === 'site') return typeof o.data === 'string' && isSmallImageDataUrl(o.data) ? { kind: 'site', data: o.data } : null;
  if (o.site !== undefined && (typeof o.site !== 'string' || !isSmallImageDataUrl(o.site))) return null;
  const kept = typeof o.site === 'string' ? { site: o.site } : {};
  if (o.kind === 'none') return { kind: 'none', ...kept };
  if (o.kind === 'brand') return typeof o.slug === 'string' && BRAND_SLUG.test(o.slug) ? { kind: 'brand', slug: o.slug, ...kept } : null;
  return null;
}

/** The captured favicon an icon holds, shown or kept aside; null when none was captured. */
export function siteIconOf(icon: AccountIcon | null | undefined): string | null {
  if (!icon) return null;
  return icon.kind === 'site' ? icon.data : icon.site ?? null;
}

/** A base64 PNG or WebP data URL of at most MAX_ICON_BYTES whose header says at most MAX_ICON_PIXELS square. */
export function isSmallImageDataUrl(url: string): boolean {
  // The length test first: a huge string is refused before any regular expression runs over it.
  if (url.length > 32 + Math.ceil(MAX_ICON_BYTES / 3) * 4) return false;
  const m = DATA_URL.exec(url);
  if (!m || m[2]!.length % 4 !== 0) return false;
  const bytes = decodeBase64(m[2]!);
  if (bytes === null || bytes.length > MAX_ICON_BYTES) return false;
  const size = m[1] === 'png' ? pngSize(bytes) : webpSize(bytes);
  return size !== null && size.width >= 1 && size.height >= 1 && size.width <= MAX_ICON_PIXELS && size.height <= MAX_ICON_PIXELS;
}

function decodeBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

interface Size { width: number; height: number }

const u32be = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u24le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u16le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const ascii = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, at + n));

/** The PNG's size from its IHDR chunk, which the format puts first. */
function pngSize(b: Uint8Array): Size | null {
  if (b.length < 33 || PNG_SIGNATURE.some((v, i) => b[i] !== v) || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** The WebP's size from its first chunk: extended (VP8X), lossless (VP8L) or lossy (VP8). */
function webpSize(b: Uint8Array): Size | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return null;
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return null;
}

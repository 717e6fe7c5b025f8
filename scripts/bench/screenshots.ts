// Makes the whole-tab screenshots the QR benchmarks decode: a 2FA set-up page rendered by real Chromium.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { findChromium } from '../ensure-chromium.mjs';
import { CHROMIUM_FLAGS } from '../../test/e2e/harness.ts';

export interface ScreenshotSpec {
  /** e.g. "1280×800@2x large dark" */
  name: string;
  /** e.g. "1280×800@2x": what the bench groups by. */
  viewport: string;
  width: number;
  height: number;
  scale: number;
  qr: 'small' | 'large';
  theme: 'light' | 'dark';
}

export interface Screenshot extends ScreenshotSpec {
  file: string;
  /** The otpauth URI the QR holds, so a decoder's answer can be checked, not just counted. */
  expected: string;
}

export const QR_URI = 'otpauth://totp/Keyfob%20Demo:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Keyfob%20Demo&algorithm=SHA1&digits=6&period=30';

const VIEWPORTS = [
  { width: 1280, height: 800, scale: 1 },
  { width: 1280, height: 800, scale: 2 },
  { width: 1920, height: 1080, scale: 1 },
];
// CSS pixels: 132 px is a typical inline QR (about 3 px per module), 264 px a generous one.
const QR_CSS_PX = { small: 132, large: 264 } as const;
// Bump when the page below changes, so cached PNGs are redrawn.
const VERSION = 1;

export function screenshotSpecs(): ScreenshotSpec[] {
  const specs: ScreenshotSpec[] = [];
  for (const v of VIEWPORTS) {
    const viewport = `${v.width}×${v.height}@${v.scale}x`;
    for (const qr of ['small', 'large'] as const) {
      for (const theme of ['light', 'dark'] as const) specs.push({ name: `${viewport} ${qr} ${theme}`, viewport, ...v, qr, theme });
    }
  }
  return specs;
}

async function pageHtml(spec: ScreenshotSpec): Promise<string> {
  const dark = spec.theme === 'dark';
  // Dark pages often draw the code light-on-dark: the case a decoder must invert for.
  const qr = await QRCode.toDataURL(QR_URI, {
    errorCorrectionLevel: 'M', margin: 4, width: QR_CSS_PX[spec.qr] * spec.scale,
    color: dark ? { dark: '#e6e6e6ff', light: '#161a1fff' } : { dark: '#000000ff', light: '#ffffffff' },
  });
  const fg = dark ? '#d8dde3' : '#1f2328';
  const bg = dark ? '#161a1f' : '#ffffff';
  const para = 'Scan this code with your authenticator app, or type the key by hand. Keep your recovery codes somewhere safe: each one signs you in once if you lose this device.';
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: ${fg}; background: ${bg}; }
    header { padding: 14px 32px; border-bottom: 1px solid ${dark ? '#2d333b' : '#d0d7de'}; font-weight: 600; }
    main { display: grid; grid-template-columns: 1fr 1.2fr; gap: 40px; padding: 32px 64px; }
    img { width: ${QR_CSS_PX[spec.qr]}px; height: ${QR_CSS_PX[spec.qr]}px; display: block; margin: 24px 0 0 48px; }
    code { font-size: 14px; } input { font: inherit; padding: 6px; width: 10ch; }
  </style></head><body>
    <header>Keyfob Demo · Security settings</header>
    <main><section><h1>Two-factor authentication</h1><p>${para}</p><p>${para}</p>
      <p>Key: <code>JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP</code></p>
      <label>Code <input name="code" inputmode="numeric"></label></section>
    <section><p>${para}</p><img alt="QR code" src="${qr}"></section></main>
  </body></html>`;
}

/** Renders each screenshot once into a cache directory under the system temp dir and returns them all. */
export async function ensureScreenshots(dir = join(tmpdir(), `keyfob-bench-qr-v${VERSION}`)): Promise<Screenshot[]> {
  mkdirSync(dir, { recursive: true });
  const shots = screenshotSpecs().map((spec) => ({
    ...spec, expected: QR_URI, file: join(dir, `${spec.viewport.replace('×', 'x').replace('@', '-')}-${spec.qr}-${spec.theme}.png`),
  }));
  const missing = shots.filter((s) => !existsSync(s.file));
  if (missing.length === 0) return shots;
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium to draw the screenshots: run `node scripts/ensure-chromium.mjs`');
  const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    for (const s of missing) {
      await page.setViewport({ width: s.width, height: s.height, deviceScaleFactor: s.scale });
      await page.setContent(await pageHtml(s), { waitUntil: 'load' });
      await page.screenshot({ path: s.file as `${string}.png`, type: 'png' });
    }
  } finally {
    await browser.close();
  }
  return shots;
}

/** RGBA pixels of a PNG, the shape decodeQr and jsQR take. */
export function readRgba(file: string): { data: Uint8ClampedArray; width: number; height: number } {
  const png = PNG.sync.read(readFileSync(file));
  return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
}

// decodeQr on whole synthetic screenshots: any position, device scale 1 and 2, light and dark, several codes.
import { beforeAll, describe, expect, it } from 'vitest';
import { configureQrDecoderForNode } from '../../../scripts/cli/node-qr-decoder.ts';
import { decodeQr, parseOtpauthUri, QrError, type OtpauthErrorCode } from '../../../src/shared/index.ts';
import { drawScreenshot, placedSize } from '../../fixtures/qr/screenshot.ts';

const URI = 'otpauth://totp/ACME%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co';
const OTHER = 'otpauth://hotp/Other:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=3';
const W = 1280;
const H = 800;

beforeAll(() => configureQrDecoderForNode());

describe('decodeQr on a 1280×800 page', () => {
  const size = placedSize({ text: URI, x: 0, y: 0 });
  const positions = {
    'top left': [0, 60],
    'top right': [W - size, 60],
    centre: [(W - size) / 2, (H - size) / 2],
    'bottom left': [10, H - size],
    'bottom right': [W - size, H - size],
  } as const;
  const cases = Object.entries(positions).flatMap(([where, [x, y]]) =>
    [1, 2].flatMap((scale) => [false, true].map((dark) => ({ where, x: Math.round(x), y: Math.round(y), scale, dark, theme: dark ? 'light on dark' : 'dark on light' }))));

  it.each(cases)('finds the code at the $where at scale $scale, $theme', async ({ x, y, scale, dark }) => {
    const shot = drawScreenshot({ width: W, height: H, scale, dark, codes: [{ text: URI, x, y }] });
    expect(await decodeQr(shot)).toEqual([URI]);
  });

  it('finds a small code drawn with 2-pixel modules', async () => {
    const shot = drawScreenshot({ width: W, height: H, codes: [{ text: URI, x: 700, y: 300, module: 2 }] });
    expect(await decodeQr(shot)).toEqual([URI]);
  });

  it.each([1, 2])('returns both codes when the page shows two, at scale %i', async (scale) => {
    const shot = drawScreenshot({ width: W, height: H, scale, codes: [{ text: OTHER, x: 800, y: 200 }, { text: URI, x: 100, y: 100 }] });
    expect(await decodeQr(shot)).toEqual([URI, OTHER]);
  });

  it('returns each payload once when the same code is shown twice', async () => {
    const shot = drawScreenshot({ width: W, height: H, codes: [{ text: URI, x: 100, y: 100 }, { text: URI, x: 800, y: 300 }] });
    expect(await decodeQr(shot)).toEqual([URI]);
  });

  it('returns an empty list for a page without a code', async () => {
    expect(await decodeQr(drawScreenshot({ width: W, height: H, codes: [] }))).toEqual([]);
    expect(await decodeQr(drawScreenshot({ width: W, height: H, scale: 2, dark: true, codes: [] }))).toEqual([]);
  });
});

describe('decodeQr on bad images', () => {
  it.each([
    { name: 'data shorter than the size says', image: { data: new Uint8ClampedArray(10), width: 10, height: 10 }, code: 'bad-image' },
    { name: 'zero width', image: { data: new Uint8ClampedArray(0), width: 0, height: 10 }, code: 'bad-image' },
    { name: 'fractional height', image: { data: new Uint8ClampedArray(40), width: 4, height: 2.5 }, code: 'bad-image' },
    { name: 'a plain array instead of pixels', image: { data: [1, 2, 3, 4] as unknown as Uint8ClampedArray, width: 1, height: 1 }, code: 'bad-image' },
    { name: 'a 10000×10000 image', image: { data: new Uint8ClampedArray(4), width: 10_000, height: 10_000 }, code: 'image-too-large' },
  ])('refuses $name with $code', async ({ image, code }) => {
    await expect(decodeQr(image)).rejects.toSatisfy((e) => e instanceof QrError && e.code === code);
  });

  it('decodes a 1×1 image to nothing', async () => {
    expect(await decodeQr({ data: new Uint8ClampedArray([255, 255, 255, 255]), width: 1, height: 1 })).toEqual([]);
  });
});

describe('QR payloads that are not usable Key URIs', () => {
  const payloads: [string, OtpauthErrorCode][] = [
    ['https://example.com/setup', 'not-otpauth'],
    ['otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8', 'not-otpauth'],
    ['JBSWY3DPEHPK3PXP', 'not-otpauth'],
    ['otpauth://totp/ACME:alice?issuer=ACME', 'missing-secret'],
    ['otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PX1', 'invalid-secret'],
    ['otpauth://hotp/ACME:alice?secret=JBSWY3DPEHPK3PXP', 'missing-counter'],
    ['otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&digits=10', 'bad-digits'],
    ['otpauth://yubikey/ACME:alice?secret=JBSWY3DPEHPK3PXP', 'unknown-type'],
  ];

  it.each(payloads)('decodes %s from a screenshot and refuses it with %s', async (payload, code) => {
    const [decoded] = await decodeQr(drawScreenshot({ width: W, height: H, codes: [{ text: payload, x: 400, y: 200 }] }));
    expect(decoded).toBe(payload);
    expect(() => parseOtpauthUri(decoded ?? '')).toThrow(expect.objectContaining({ name: 'OtpauthError', code }));
  });
});

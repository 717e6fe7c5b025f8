// The colour a brand's mark is drawn in on its own brand colour: white or near-black, whichever contrasts more, so a
// light brand (Snapchat's yellow) gets a dark mark and every mark stays visible.

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export const INK_LIGHT = '#ffffff';
export const INK_DARK = '#1b1b1b';

export function brandInk(background: string): string {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (luminance(INK_DARK) + 0.05);
  return onWhite >= onDark ? INK_LIGHT : INK_DARK;
}

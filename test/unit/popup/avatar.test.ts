// Letter avatars: a stable colour per issuer, and every colour readable under its white letter (WCAG AA).
import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, AVATAR_TEXT, avatarFor } from '../../../extension/popup/components/avatar.ts';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('avatarFor', () => {
  it('shows the first letter of the issuer, upper-cased, or of the account name without an issuer', () => {
    expect(avatarFor('github', 'me').letter).toBe('G');
    expect(avatarFor('  ', 'root@server').letter).toBe('R');
    expect(avatarFor('ökobank', '').letter).toBe('Ö');
    expect(avatarFor('', '').letter).toBe('?');
  });

  it('keeps a letter outside the basic plane whole', () => {
    expect(avatarFor('𝔊alaxy', '').letter).toBe('𝔊');
  });

  it('gives the same issuer the same colour whatever its case, accents or spacing', () => {
    const colour = avatarFor('Zürich Bank', '').background;
    expect(avatarFor('zurich bank ', '').background).toBe(colour);
    expect(avatarFor('ZÜRICH BANK', 'someone').background).toBe(colour);
  });

  it('spreads different issuers over many of the colours', () => {
    const issuers = ['GitHub', 'Google', 'Microsoft', 'Amazon', 'Dropbox', 'Slack', 'Proton', 'Bitwarden', 'Discord',
      'Twitter', 'Facebook', 'Apple', 'Stripe', 'Cloudflare', 'GitLab', 'Reddit', 'PayPal', 'Coinbase', 'Binance', 'Kraken'];
    const used = new Set(issuers.map((i) => avatarFor(i, '').background));
    expect(used.size).toBeGreaterThanOrEqual(8);
    for (const c of used) expect(AVATAR_COLOURS).toContain(c);
  });

  it('only uses colours on which the white letter has at least 4.5:1 contrast', () => {
    expect(AVATAR_COLOURS).toHaveLength(12);
    for (const c of AVATAR_COLOURS) expect(contrast(c, AVATAR_TEXT)).toBeGreaterThanOrEqual(4.5);
  });
});
